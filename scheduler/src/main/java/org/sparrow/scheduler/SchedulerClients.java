package org.sparrow.scheduler;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.sparrow.common.Closeables;
import org.sparrow.common.FatalHandler;
import org.sparrow.common.Guarded;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.scheduler.thrift.ThriftFrontendNotifier;
import org.sparrow.scheduler.thrift.ThriftReservationDispatcher;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.NodeMonitorInternalService;

/**
 * The calls a scheduler makes, each kind with its own connections and threads so that a slow
 * peer of one kind costs the others nothing: enqueues and cancels to node monitors on the RPC
 * executor, liveness pings (short timeouts), and completion notices to frontends (short
 * timeouts, a bounded queue per frontend). Every pool routes a task's fatal error (out of
 * memory) to the daemon's fatal path. Closing waits briefly for the RPC executor's calls, then
 * stops the rest.
 */
final class SchedulerClients implements AutoCloseable {

  private final ExecutorService rpcExecutor;
  private final ClientPool<NodeMonitorInternalService.Client> nodeMonitorPool;
  private final ClientPool<FrontendService.Client> frontendPool;
  private final ExecutorService notifierExecutor;
  private final ClientPool<NodeMonitorInternalService.Client> pingPool;
  private final ExecutorService pingExecutor;
  private final int maxQueuedNotices;

  /** @param log where the pools' threads log a task's failure (the daemon's) */
  SchedulerClients(SchedulerConfig config, Logger log, FatalHandler fatal) {
    rpcExecutor = Guarded.pool("scheduler-rpc", config.rpcThreads(), log, fatal);
    nodeMonitorPool = ClientPool.builder(NodeMonitorInternalService.Client::new)
        .connectTimeoutMs(config.connectTimeoutMs()).build();
    frontendPool = ClientPool.builder(FrontendService.Client::new)
        .connectTimeoutMs(config.connectTimeoutMs()).socketTimeoutMs(config.frontendTimeoutMs()).build();
    notifierExecutor = Guarded.pool("scheduler-notify", 2, log, fatal);
    pingPool = ClientPool.builder(NodeMonitorInternalService.Client::new)
        .connectTimeoutMs(config.pingTimeoutMs()).socketTimeoutMs(config.pingTimeoutMs()).build();
    pingExecutor = Guarded.pool("scheduler-ping", 2, log, fatal);
    maxQueuedNotices = config.maxQueuedNotices();
  }

  /** Reservations to node monitors, which call back at {@code internalAddress}. */
  ThriftReservationDispatcher dispatcher(HostPort internalAddress, String bootId, FatalHandler fatal) {
    return new ThriftReservationDispatcher(nodeMonitorPool, rpcExecutor, internalAddress, bootId)
        .withPings(pingPool, pingExecutor).fatalPath(fatal);
  }

  /** Completion notices to frontends. */
  ThriftFrontendNotifier notifier() {
    return new ThriftFrontendNotifier(frontendPool, notifierExecutor, maxQueuedNotices);
  }

  @Override
  public void close() {
    rpcExecutor.shutdown();
    try {
      if (!rpcExecutor.awaitTermination(2, TimeUnit.SECONDS)) {
        rpcExecutor.shutdownNow();
      }
    } catch (InterruptedException e) {
      rpcExecutor.shutdownNow();
      Thread.currentThread().interrupt();
    }
    pingExecutor.shutdownNow();
    notifierExecutor.shutdownNow();
    Closeables.closeQuietly(pingPool);
    Closeables.closeQuietly(nodeMonitorPool);
    Closeables.closeQuietly(frontendPool);
  }
}
