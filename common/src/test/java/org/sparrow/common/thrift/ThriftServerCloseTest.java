package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;

/** A call still running on a worker when its server closes ends quietly and returns its budget. */
class ThriftServerCloseTest {

  @Test
  void aCallThatOutlivesItsServerReturnsItsFrameBytesWithoutAnUncaughtError() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    List<Throwable> uncaught = new CopyOnWriteArrayList<>();
    FrontendService.Iface handler = new FrontendService.Iface() {
      @Override
      public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
        entered.countDown();
        // close() interrupts the workers; this call must outlive the event loop, so it waits on.
        while (true) {
          try {
            release.await();
            return;
          } catch (InterruptedException e) {
            // keep waiting for the test's gate
          }
        }
      }

      @Override
      public void frontendMessages(List<TFrontendMessage> messages) {}
    };
    FrameBudget budget = new FrameBudget(1 << 20);
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> uncaught.add(e));
    try (ClientPool<FrontendService.Client> pool = ClientPool.builder(FrontendService.Client::new).build()) {
      ThriftServer server = ThriftServer.builder("outlived", new FrontendService.Processor<>(handler))
          .bindHost("127.0.0.1").port(0).workerThreads(1).budget(budget)
          // Its own event loops, so closing it ends them (shared loops outlive one server).
          .variant(ServerVariant.parse("loops=own")).build().start();
      Thread caller = new Thread(() -> {
        try {
          pool.run(server.address(), c -> {
            c.frontendMessage(new TFullTaskId("t", "r", "app", null), 0, ByteBuffer.allocate(0));
            return null;
          });
        } catch (Exception expected) {
          // the server closes under the call
        }
      }, "caller");
      caller.setDaemon(true);
      caller.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> entered.getCount() == 0);
      assertThat(budget.used()).as("the running call holds its frame").isPositive();

      server.close();
      await().atMost(Duration.ofSeconds(10)).until(() -> Thread.getAllStackTraces().keySet().stream()
          .noneMatch(t -> t.getName().startsWith("outlived-io") && t.isAlive()));
      release.countDown();

      await().atMost(Duration.ofSeconds(10)).until(() -> budget.used() == 0);
      caller.join(Duration.ofSeconds(10).toMillis());
    } finally {
      release.countDown();
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    assertThat(uncaught).as("no worker died with an uncaught exception").isEmpty();
  }
}
