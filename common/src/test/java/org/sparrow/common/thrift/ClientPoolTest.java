package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.transport.TTransportException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;

/** Reused connections over real loopback sockets, including a peer that restarts. */
class ClientPoolTest {

  private final List<String> received = new CopyOnWriteArrayList<>();
  /** Every connection the pool opened, in order (the factory runs once per connection). */
  private final List<TProtocol> opened = new CopyOnWriteArrayList<>();
  private final ClientPool<FrontendService.Client> pool = ClientPool.<FrontendService.Client>builder(p -> {
    opened.add(p);
    return new FrontendService.Client(p);
  }).build();
  /** Calls for task "hold" block in the server until this opens. */
  private final CountDownLatch unblock = new CountDownLatch(1);
  private final CountDownLatch holding = new CountDownLatch(1);
  private final AtomicInteger holdCalls = new AtomicInteger();
  private ThriftServer server;

  @AfterEach
  void stop() {
    unblock.countDown();
    pool.close();
    if (server != null) {
      server.close();
    }
  }

  private ThriftServer startFrontend(int port) throws Exception {
    FrontendService.Iface handler = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        received.add(taskId.getTaskId());
        if (taskId.getTaskId().equals("hold")) {
          holdCalls.incrementAndGet();
          holding.countDown();
          try {
            unblock.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> messages) {
        messages.forEach(m -> frontendMessage(m.getTaskId(), m.getStatus(), m.bufferForMessage()));
      }
    };
    return ThriftServer.builder("test-frontend", new FrontendService.Processor<>(handler))
        .bindHost("127.0.0.1").port(port).build().start();
  }

  private static void send(ClientPool<FrontendService.Client> via, HostPort to, String taskId)
      throws Exception {
    via.run(to, c -> {
      c.frontendMessage(new TFullTaskId(taskId, "r", "app", null), 0, ByteBuffer.allocate(0));
      return null;
    });
  }

  private void send(HostPort to, String taskId) throws Exception {
    send(pool, to, taskId);
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
  void anUnreachablePeerFailsAsUnreachable() throws Exception {
    server = startFrontend(0);
    HostPort address = server.address();
    server.close();
    server = null;
    assertThatThrownBy(() -> send(address, "lost")).isInstanceOf(PeerUnreachableException.class)
        .hasMessageContaining(address.toString());
  }

  @Test
  void aConnectionIsReusedAcrossCalls() throws Exception {
    server = startFrontend(0);
    for (int i = 0; i < 50; i++) {
      send(server.address(), "m" + i);
    }
    assertThat(received).hasSize(50);
    assertThat(opened).hasSize(1);
  }

  @Test
  void aCallThatTimesOutOnAReusedConnectionIsNotRetried() throws Exception {
    server = startFrontend(0);
    // The peer got the call and is still working on it: sending it again would duplicate it.
    try (ClientPool<FrontendService.Client> impatient =
        ClientPool.builder(FrontendService.Client::new).socketTimeoutMs(300).build()) {
      send(impatient, server.address(), "warm-up");
      assertThatThrownBy(() -> send(impatient, server.address(), "hold"))
          .isInstanceOfSatisfying(TTransportException.class,
              e -> assertThat(e.getType()).isEqualTo(TTransportException.TIMED_OUT));
    }
    assertThat(holdCalls).hasValue(1);
  }

  @Test
  void aConnectionReturnedAfterItsPeerWasForgottenIsClosedNotPooled() throws Exception {
    server = startFrontend(0);
    HostPort address = server.address();
    CompletableFuture<Void> held = CompletableFuture.runAsync(() -> {
      try {
        send(address, "hold");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
    pool.forget(address);
    unblock.countDown();
    held.get(30, TimeUnit.SECONDS);

    assertThat(opened).hasSize(1);
    assertThat(opened.get(0).getTransport().isOpen()).isFalse();
    send(address, "next");
    assertThat(opened).hasSize(2);
    assertThat(received).containsExactly("hold", "next");
  }
}
