package org.sparrow.cli;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/** Keeps a daemon command running until Ctrl-C / SIGTERM, then closes what it started. */
final class Shutdown {

  private Shutdown() {}

  static void awaitTermination(AutoCloseable started) throws InterruptedException {
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook = new Thread(() -> {
      try {
        started.close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e);
      } finally {
        stopped.countDown();
      }
    }, "sparrow-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    stopped.await();
  }

  /**
   * Keeps a draining daemon running until it terminates: by itself (a drain requested through
   * ZooKeeper or its drain call), or after SIGTERM / Ctrl-C, which drains it first. Either way
   * the process exits with status 0 once {@code rest} is closed: a drain is a clean stop, and a
   * supervisor (YARN, systemd) should not count it as a failure, so the signal path ends with
   * {@code halt(0)} instead of the JVM's 143.
   *
   * @param drain      starts the drain (idempotent) and returns the daemon's termination
   * @param terminated completes when the daemon has closed itself
   * @param rest       what to close after the daemon (its ZooKeeper connection)
   */
  static void awaitDrained(Supplier<CompletionStage<Void>> drain, CompletionStage<Void> terminated,
      AutoCloseable rest) {
    Thread hook = new Thread(() -> {
      try {
        drain.get().toCompletableFuture().join();
        rest.close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e);
      } finally {
        Runtime.getRuntime().halt(0);
      }
    }, "sparrow-drain-on-signal");
    Runtime.getRuntime().addShutdownHook(hook);
    terminated.toCompletableFuture().join();
    try {
      rest.close();
    } catch (Exception e) {
      System.err.println("error while stopping: " + e);
    }
  }
}
