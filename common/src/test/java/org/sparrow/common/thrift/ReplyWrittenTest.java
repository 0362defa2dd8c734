package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
  void outsideAServerCallNothingIsRegistered() {
    assertThat(ReplyWritten.whenSent(ok -> { })).isFalse();
  }
}
