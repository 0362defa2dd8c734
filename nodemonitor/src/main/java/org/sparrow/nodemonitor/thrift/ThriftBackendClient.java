package org.sparrow.nodemonitor.thrift;

import java.nio.ByteBuffer;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.sparrow.nodemonitor.task.BackendClient;
import org.sparrow.thrift.BackendService;

/** BackendService.launchTask through a pool of reused connections. */
public final class ThriftBackendClient implements BackendClient {

  private final ClientPool<BackendService.Client> backends;

  public ThriftBackendClient(ClientPool<BackendService.Client> backends) {
    this.backends = backends;
  }

  @Override
  public void launchTask(HostPort backend, TaskLaunch task) throws Exception {
    backends.run(backend, c -> {
      c.launchTask(ByteBuffer.wrap(task.message()), WireMapping.toWire(task.taskId()),
          WireMapping.toWire(task.user()));
      return null;
    });
  }

  @Override
  public void forget(HostPort backend) {
    backends.forget(backend);
  }
}
