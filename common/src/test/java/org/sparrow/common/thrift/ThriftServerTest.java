package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;

class ThriftServerTest {

  @Test
  void withoutWorkerThreadsCallsRunOnTheSelectorAndTheServerStopsCleanly() throws Exception {
    List<String> handledOn = new CopyOnWriteArrayList<>();
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    FrontendService.Iface handler = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        handledOn.add(Thread.currentThread().getName());
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> messages) {}
    };
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    try (ClientPool<FrontendService.Client> pool = ClientPool.builder(FrontendService.Client::new).build()) {
      ThriftServer server = ThriftServer.builder("inline", new FrontendService.Processor<>(handler))
          .bindHost("127.0.0.1").port(0).workerThreads(0).build().start();
      pool.run(server.address(), c -> {
        c.frontendMessage(new TFullTaskId("t", "r", "app", null), 0, ByteBuffer.allocate(0));
        return null;
      });
      server.close();
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    assertThat(handledOn).singleElement().satisfies(name -> assertThat(name).doesNotContain("-worker"));
    assertThat(uncaught).as("the serve thread ended without an error").isEmpty();
  }
}
