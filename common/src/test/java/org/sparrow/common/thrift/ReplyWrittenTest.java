package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;

/** A handler learns when its answer was handed to the kernel (a real server and socket). */
class ReplyWrittenTest {

  @Test
  void theListenerHearsThatTheAnswerWentOut() throws Exception {
    CompletableFuture<Boolean> sent = new CompletableFuture<>();
    CompletableFuture<Boolean> registered = new CompletableFuture<>();
    FrontendService.Iface handler = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        registered.complete(ReplyWritten.whenSent(sent::complete));
        assertThat(sent).as("not before the handler returned").isNotDone();
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> messages) {}
    };
    try (ThriftServer server = ThriftServer.builder("reply-written", new FrontendService.Processor<>(handler))
            .bindHost("127.0.0.1").port(0).build().start();
        ClientPool<FrontendService.Client> pool = ClientPool.builder(FrontendService.Client::new).build()) {
      pool.run(server.address(), c -> {
        c.frontendMessage(new TFullTaskId("t", "r", "app", null), 0, ByteBuffer.allocate(0));
        return null;
      });
      assertThat(registered.get(10, TimeUnit.SECONDS)).isTrue();
      assertThat(sent.get(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void aListenerBelongsToItsOwnCallOnly() throws Exception {
    // One event-loop thread runs every call (inline handler), so each call reuses the thread's
    // call record: the first call's listener must hear once, later calls must start empty.
    AtomicInteger heard = new AtomicInteger();
    AtomicInteger calls = new AtomicInteger();
    CompletableFuture<Boolean> laterCallsInside = new CompletableFuture<>();
    FrontendService.Iface handler = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        if (calls.incrementAndGet() == 1) {
          ReplyWritten.whenSent(ok -> heard.incrementAndGet());
        } else {
          laterCallsInside.complete(true);
        }
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> messages) {}
    };
    try (ThriftServer server = ThriftServer.builder("reply-reuse", new FrontendService.Processor<>(handler))
            .bindHost("127.0.0.1").port(0).workerThreads(0).selectorThreads(1).build().start();
        ClientPool<FrontendService.Client> pool = ClientPool.builder(FrontendService.Client::new).build()) {
      for (int i = 0; i < 5; i++) {
        pool.run(server.address(), c -> {
          c.frontendMessage(new TFullTaskId("t", "r", "app", null), 0, ByteBuffer.allocate(0));
          return null;
        });
      }
      assertThat(laterCallsInside.get(10, TimeUnit.SECONDS)).isTrue();
      // The fifth answer was read by the client, so the first one's listener has long run.
      assertThat(heard).hasValue(1);
    }
    assertThat(ReplyWritten.whenSent(ok -> { })).as("the test thread is in no call").isFalse();
  }

  @Test
  void outsideAServerCallNothingIsRegistered() {
    assertThat(ReplyWritten.whenSent(ok -> { })).isFalse();
  }
}
