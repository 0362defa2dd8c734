package org.sparrow.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Injected failures in pools and timers reach the fatal path only when they are fatal. */
class GuardedTest {

  private static final Logger LOG = LoggerFactory.getLogger(GuardedTest.class);

  @Test
  void classifiesByCauseChain() {
    assertThat(Guarded.isFatal(new OutOfMemoryError())).isTrue();
    assertThat(Guarded.isFatal(new RuntimeException(new InternalError()))).isTrue();
    assertThat(Guarded.isFatal(new IllegalStateException())).isFalse();
    assertThat(Guarded.isFatal(new NoClassDefFoundError())).isFalse();
  }

  @Test
  void poolRoutesExecutedAndSubmittedFailures() {
    List<Throwable> fatal = new CopyOnWriteArrayList<>();
    ExecutorService pool = Guarded.pool("test-pool", 1, LOG, fatal::add);
    try {
      pool.execute(() -> {
        throw new IllegalStateException("logged");
      });
      pool.submit(() -> {
        throw new OutOfMemoryError("injected, submitted");
      });
      pool.execute(() -> {
        throw new OutOfMemoryError("injected, executed");
      });
      await().atMost(Duration.ofSeconds(10)).until(() -> fatal.size() == 2);
      // The pool still runs tasks after all three.
      assertThat(CompletableFuture.supplyAsync(() -> 42, pool).join()).isEqualTo(42);
      assertThat(fatal).allMatch(t -> t instanceof OutOfMemoryError);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void cachedPoolRoutesFatalErrorsAndLogsTheRest() {
    List<Throwable> fatal = new CopyOnWriteArrayList<>();
    java.util.concurrent.ThreadPoolExecutor pool = Guarded.cachedPool("test-cached", LOG, fatal::add);
    try {
      pool.execute(() -> {
        throw new AssertionError("logged, not fatal");
      });
      pool.execute(() -> {
        throw new OutOfMemoryError("injected");
      });
      // A worker counts its task completed only after afterExecute has routed the failure.
      await().atMost(Duration.ofSeconds(10)).until(() -> pool.getCompletedTaskCount() == 2);
      assertThat(fatal).singleElement().isInstanceOf(OutOfMemoryError.class);
      assertThat(CompletableFuture.supplyAsync(() -> 7, pool).join()).isEqualTo(7);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void timerRoutesAPeriodicTaskThatDies() {
    List<Throwable> fatal = new CopyOnWriteArrayList<>();
    AtomicInteger runs = new AtomicInteger();
    ScheduledExecutorService timer = Guarded.timer("test-timer", LOG, fatal::add);
    try {
      timer.scheduleWithFixedDelay(() -> {
        if (runs.incrementAndGet() == 3) {
          throw new OutOfMemoryError("injected");
        }
      }, 0, 1, TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> fatal.size() == 1);
      assertThat(runs.get()).isEqualTo(3);
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void aFatalErrorInAPeriodicTaskClosesTheDaemonOnce() {
    AtomicInteger closes = new AtomicInteger();
    List<Throwable> after = new CopyOnWriteArrayList<>();
    FatalHandler handler = new FatalHandler("test daemon", closes::incrementAndGet, after::add);
    ScheduledExecutorService timer = Guarded.timer("test-timer2", LOG, handler);
    try {
      timer.scheduleWithFixedDelay(Guarded.periodic("tick", LOG, () -> {
        throw new OutOfMemoryError("injected");
      }, handler), 0, 1, TimeUnit.MILLISECONDS);
      await().atMost(Duration.ofSeconds(10)).until(() -> after.size() == 1);
      assertThat(closes.get()).isEqualTo(1);
    } finally {
      timer.shutdownNow();
    }
  }

  @Test
  void aThreadEndingOnAFatalErrorReachesTheProcessHandler() throws InterruptedException {
    List<Throwable> fatal = new CopyOnWriteArrayList<>();
    Thread t = new Thread(() -> {
      throw new OutOfMemoryError("injected");
    }, "test-thread");
    t.setUncaughtExceptionHandler(Guarded.uncaught(LOG, fatal::add));
    t.start();
    t.join(10_000);
    assertThat(fatal).singleElement().isInstanceOf(OutOfMemoryError.class);
  }
}
