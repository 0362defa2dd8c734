package org.sparrow.nodemonitor;

import org.sparrow.common.Closeables;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.BackendService;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.SchedulerService;

/**
 * The connections a node monitor opens: to schedulers (reports and returns, getTasks, relayed
 * frontend messages) and to application backends, each pool with the timeouts of its calls.
 */
final class NodeMonitorClients implements AutoCloseable {

  final ClientPool<SchedulerInternalService.Client> schedulerInternal;
  /** getTasks has its own connections: their read timeout is the (short) getTasks deadline. */
  final ClientPool<SchedulerInternalService.Client> getTasks;
  final ClientPool<SchedulerService.Client> scheduler;
  final ClientPool<BackendService.Client> backend;

  NodeMonitorClients(NodeMonitorConfig settings) {
    schedulerInternal = ClientPool.builder(SchedulerInternalService.Client::new)
        .connectTimeoutMs(settings.connectTimeoutMs()).socketTimeoutMs(settings.rpcTimeoutMs()).build();
    getTasks = ClientPool.builder(SchedulerInternalService.Client::new)
        .connectTimeoutMs(Math.min(settings.connectTimeoutMs(), settings.getTasksTimeoutMs()))
        .socketTimeoutMs(settings.getTasksTimeoutMs()).build();
    scheduler = ClientPool.builder(SchedulerService.Client::new)
        .connectTimeoutMs(settings.connectTimeoutMs()).socketTimeoutMs(settings.rpcTimeoutMs()).build();
    backend = ClientPool.builder(BackendService.Client::new)
        .connectTimeoutMs(settings.connectTimeoutMs()).socketTimeoutMs(settings.rpcTimeoutMs()).build();
  }

  @Override
  public void close() {
    Closeables.closeQuietly(schedulerInternal);
    Closeables.closeQuietly(getTasks);
    Closeables.closeQuietly(scheduler);
    Closeables.closeQuietly(backend);
  }
}
