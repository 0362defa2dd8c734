package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFullTaskId;

/** Reused connections over real loopback sockets, including a peer that restarts. */
class ClientPoolTest {

  private final List<String> received = new CopyOnWriteArrayList<>();
  private final ClientPool<FrontendService.Client> pool =
      ClientPool.builder(FrontendService.Client::new).build();
  private ThriftServer server;

  @AfterEach
  void stop() {
    pool.close();
    if (server != null) {
      server.close();
    }
  }

  private ThriftServer startFrontend(int port) throws Exception {
    FrontendService.Iface handler = (taskId, status, message) -> received.add(taskId.getTaskId());
    return ThriftServer.builder("test-frontend", new FrontendService.Processor<>(handler))
        .bindHost("127.0.0.1").port(port).build().start();
  }

  private void send(HostPort to, String taskId) throws Exception {
    pool.run(to, c -> {
      c.frontendMessage(new TFullTaskId(taskId, "r", "app", null), 0, ByteBuffer.allocate(0));
      return null;
    });
  }

  @Test
  void aPeerRestartedOnTheSamePortGetsTheFirstMessageSentToIt() throws Exception {
    server = startFrontend(0);
    HostPort address = server.address();
    send(address, "before-restart");
    server.close();
    // The pooled connection now points at a dead server; a new one starts on the same port.
    server = startFrontend(address.port());
    send(address, "after-restart");
    assertThat(received).containsExactly("before-restart", "after-restart");
  }

  @Test
  void anUnreachablePeerIsATransportError() throws Exception {
    server = startFrontend(0);
    HostPort address = server.address();
    server.close();
    server = null;
    assertThatThrownBy(() -> send(address, "lost")).isInstanceOf(TTransportException.class);
  }

  @Test
  void aConnectionIsReusedAcrossCalls() throws Exception {
    server = startFrontend(0);
    for (int i = 0; i < 50; i++) {
      send(server.address(), "m" + i);
    }
    assertThat(received).hasSize(50);
  }
}
