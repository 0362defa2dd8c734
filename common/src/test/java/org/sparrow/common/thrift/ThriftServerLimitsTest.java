package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.common.HostPort;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;

/** Each protection of the server's pipeline, alone, over loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ThriftServerLimitsTest {

  private final List<Integer> received = new CopyOnWriteArrayList<>();
  private ThriftServer server;
  private final ClientPool<FrontendService.Client> pool =
      ClientPool.builder(FrontendService.Client::new).build();

  private final FrontendService.Iface handler = new FrontendService.Iface() {
    @Override
    public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
      received.add(message.remaining());
    }

    @Override
    public void frontendMessages(List<TFrontendMessage> messages) {
      received.add(messages.size());
    }
  };

  private ThriftServer start(ThriftServer.Builder b) throws IOException {
    server = b.build().start();
    return server;
  }

  private ThriftServer.Builder builder() {
    return ThriftServer.builder("test", new FrontendService.Processor<>(handler)).port(0);
  }

  @AfterEach
  void stop() {
    pool.close();
    if (server != null) {
      server.close();
    }
  }

  private void call(HostPort at, int messageBytes) throws TException {
    pool.run(at, c -> {
      c.frontendMessage(new TFullTaskId("t", "r", "app", null), 0, ByteBuffer.allocate(messageBytes));
      return null;
    });
  }

  @Test
  void aFrameAboveTheLimitClosesTheConnectionAndOthersAreStillServed() throws Exception {
    ThriftServer s = start(builder().maxFrameBytes(4096));
    try (Socket raw = new Socket(s.address().host(), s.port())) {
      new DataOutputStream(raw.getOutputStream()).writeInt(Integer.MAX_VALUE);
      assertThat(raw.getInputStream().read()).as("closed, nothing answered").isEqualTo(-1);
    }
    assertThatThrownBy(() -> call(s.address(), 8192)).isInstanceOf(TException.class);
    call(s.address(), 100);
    assertThat(received).containsExactly(100);
  }

  @Test
  void anIdleConnectionIsClosedAndATricklingOneToo() throws Exception {
    ThriftServer s = start(builder().idleTimeoutMs(300));
    try (Socket idle = new Socket(s.address().host(), s.port());
         Socket slow = new Socket(s.address().host(), s.port())) {
      slow.setSoTimeout(30_000);
      idle.setSoTimeout(30_000);
      slow.getOutputStream().write(new byte[] {0, 0, 1, 0});  // claims 256 bytes, sends 1 now and then
      InputStream in = slow.getInputStream();
      Thread trickle = new Thread(() -> {
        try {
          for (int i = 0; i < 100; i++) {
            slow.getOutputStream().write(1);
            Thread.sleep(50);  // the attack's pace, not synchronization
          }
        } catch (IOException | InterruptedException closed) {
          // closed by the server, as expected
        }
      });
      trickle.start();
      assertThat(idle.getInputStream().read()).isEqualTo(-1);
      assertThat(closedByTheServer(in)).isTrue();
      trickle.interrupt();
    }
  }

  @Test
  void containerCountsAreCheckedAgainstTheBytesLeftWithOneBytePerStruct() throws Exception {
    ThriftServer s = start(builder());
    // frontendMessages(1: list<TFrontendMessage>) claiming 1,000,000 structs in 1,000 bytes.
    byte[] name = "frontendMessages".getBytes(StandardCharsets.UTF_8);
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(body);
    d.write(new byte[] {(byte) 0x80, 1, 0, 1});
    d.writeInt(name.length);
    d.write(name);
    d.writeInt(1);
    d.writeByte(15);
    d.writeShort(1);
    d.writeByte(12);
    d.writeInt(1_000_000);
    d.write(new byte[1000]);
    try (Socket raw = new Socket(s.address().host(), s.port())) {
      DataOutputStream out = new DataOutputStream(raw.getOutputStream());
      out.writeInt(body.size());
      out.write(body.toByteArray());
      out.flush();
      assertThat(raw.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(received).isEmpty();
    call(s.address(), 10);
    assertThat(received).containsExactly(10);
  }

  @Test
  void decodingIsChargedToTheBudgetAndGivenBack() throws Exception {
    FrameBudget budget = new FrameBudget(1024 * 1024);
    ThriftServer s = start(builder().budget(budget).workerThreads(0));
    assertThat(s.maxFrameBytes()).as("a frame fits twice in the budget").isEqualTo(512 * 1024);
    for (int i = 0; i < 20; i++) {
      call(s.address(), 300 * 1024);  // 20 × 300 KB through a 1 MB budget: each waits its turn
    }
    assertThat(received).hasSize(20);
    assertThat(budget.used()).isZero();
  }

  @Test
  void aConnectionWaitingForTheBudgetIsNotClosedAsIdle() throws Exception {
    FrameBudget budget = new FrameBudget(1024 * 1024);
    ThriftServer s = start(builder().budget(budget).workerThreads(0).idleTimeoutMs(300));
    assertThat(budget.tryReserve(budget.limit())).as("the test holds the whole budget").isTrue();
    CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
      try {
        call(s.address(), 100 * 1024);
      } catch (TException e) {
        throw new CompletionException(e);
      }
    });
    // Several idle timeouts pass while the frame waits for room; the connection must stay.
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
        .until(() -> !waiting.isDone());
    budget.release(budget.limit());
    waiting.get(10, TimeUnit.SECONDS);
    assertThat(received).containsExactly(100 * 1024);
  }

  @Test
  void aFrameThatDoesNotFitWaitsForTheBudgetInsteadOfFailing() {
    FrameBudget budget = new FrameBudget(1000);
    assertThat(budget.tryReserve(800)).isTrue();
    assertThat(budget.tryReserve(300)).isFalse();
    boolean[] woken = {false};
    budget.whenAvailable(() -> woken[0] = true);
    assertThat(woken[0]).isFalse();
    budget.release(800);
    assertThat(woken[0]).isTrue();
    assertThat(budget.tryReserve(1000)).isTrue();
  }

  /**
   * A connection the server closes while the client's bytes still sit unread in its receive
   * buffer is reset (RST) rather than ended (FIN): the read then throws instead of returning -1.
   * Both mean the server closed it.
   */
  private static boolean closedByTheServer(InputStream in) throws IOException {
    try {
      return in.read() == -1;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }
}
