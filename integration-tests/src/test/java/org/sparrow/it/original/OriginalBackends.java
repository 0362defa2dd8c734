package org.sparrow.it.original;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.TProcessor;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.BackendService;
import org.sparrow.thrift.NodeMonitorService;
import org.sparrow.thrift.TFullTaskId;

/**
 * Backends written as the original API has them: a generated {@code BackendService} on
 * 127.0.0.1 that registers with its node monitor's backend port and, for every task it is
 * given, does what the test asks and then reports the task finished to that node monitor. Owns
 * those servers (and any other a test serves through it, a frontend say) and its clients to the
 * node monitors, and closes them together.
 */
public final class OriginalBackends implements AutoCloseable {

  /** What a backend does with a task it is given, before it reports it finished on {@code nodeMonitor}. */
  public interface OnLaunch {
    void launched(TFullTaskId taskId, ByteBuffer message, NodeMonitorService.Client nodeMonitor) throws TException;
  }

  private final ClientPool<NodeMonitorService.Client> nodeMonitors =
      ClientPool.builder(NodeMonitorService.Client::new).build();
  private final List<ThriftServer> servers = new ArrayList<>();

  /**
   * Starts a backend of {@code app} and registers it with the node monitor whose backend port is
   * {@code nodeMonitor}; the handle stops it (a backend that goes away).
   */
  public AutoCloseable start(String name, HostPort nodeMonitor, String app, OnLaunch onLaunch) throws Exception {
    BackendService.Iface backend = (message, taskId, user) -> nodeMonitors.run(nodeMonitor, c -> {
      onLaunch.launched(taskId, message, c);
      c.tasksFinished(List.of(taskId));
      return null;
    });
    ThriftServer server = serve(name, new BackendService.Processor<>(backend));
    boolean registered = nodeMonitors.call(nodeMonitor, c -> c.registerBackend(app, server.address().toString()));
    assertThat(registered).as("%s registered with %s for %s", name, nodeMonitor, app).isTrue();
    return () -> {
      server.close();
      servers.remove(server);
    };
  }

  /** Serves {@code processor} on 127.0.0.1 until {@link #close}. */
  public ThriftServer serve(String name, TProcessor processor) throws Exception {
    ThriftServer server = ThriftServer.builder(name, processor).bindHost("127.0.0.1").port(0).build().start();
    servers.add(server);
    return server;
  }

  @Override
  public void close() {
    nodeMonitors.close();
    for (ThriftServer s : servers) {
      s.close();
    }
  }
}
