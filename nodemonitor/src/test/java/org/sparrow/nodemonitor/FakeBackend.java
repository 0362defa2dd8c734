package org.sparrow.nodemonitor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sparrow.common.Closeables;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.BackendService;
import org.sparrow.thrift.NodeMonitorService;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TUserGroupInfo;

/**
 * An application backend written the original Sparrow way: registers with its node monitor's
 * NodeMonitorService, receives launchTask, and (unless holding tasks) reports each one
 * finished through tasksFinished.
 */
public final class FakeBackend implements AutoCloseable {

  public record Launched(String message, TFullTaskId taskId, TUserGroupInfo user) {}

  public final List<Launched> launched = new CopyOnWriteArrayList<>();
  private final HostPort nodeMonitor;
  private final boolean finishTasks;
  private final ClientPool<NodeMonitorService.Client> nm =
      ClientPool.builder(NodeMonitorService.Client::new).build();
  private ThriftServer server;

  /** @param finishTasks report each task finished as soon as it is launched */
  public FakeBackend(HostPort nodeMonitorBackendAddress, boolean finishTasks) {
    this.nodeMonitor = nodeMonitorBackendAddress;
    this.finishTasks = finishTasks;
  }

  public FakeBackend start() throws IOException {
    return start(0);
  }

  /** Listens on {@code port} (0 = any free), e.g. the port of an incarnation that was closed. */
  public FakeBackend start(int port) throws IOException {
    server = ThriftServer.builder("fake-backend", new BackendService.Processor<>(new Handler()))
        .bindHost("127.0.0.1").port(port).workerThreads(2).build().start();
    return this;
  }

  public HostPort address() {
    return server.address();
  }

  public boolean register(String app) throws Exception {
    return nm.call(nodeMonitor, c -> c.registerBackend(app, address().toString()));
  }

  @Override
  public void close() {
    Closeables.closeAll(server, nm);
  }

  private final class Handler implements BackendService.Iface {
    @Override
    public void launchTask(ByteBuffer message, TFullTaskId taskId, TUserGroupInfo user) {
      byte[] bytes = new byte[message.remaining()];
      message.duplicate().get(bytes);
      launched.add(new Launched(new String(bytes, StandardCharsets.UTF_8), taskId, user));
      if (finishTasks) {
        try {
          nm.run(nodeMonitor, c -> {
            c.tasksFinished(List.of(taskId));
            return null;
          });
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }
}
