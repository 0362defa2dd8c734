package org.sparrow.cli;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.sparrow.common.FatalHandler;

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
   * <p>A daemon that took its fatal path has closed itself already (its entry withdrawn) and
   * calls {@code System.exit(70)}: then the hook drains nothing and halts with that status, and
   * so does the return value, whichever of the two exits first. (Before, the hook's
   * {@code halt(0)} turned a node monitor's fatal exit into a clean one, and a scheduler's hook
   * waited forever for a drain a closed daemon never finishes: FatalPathIT.)
   *
   * @param drain      starts the drain (idempotent) and returns the daemon's termination
   * @param terminated completes when the daemon has closed itself, whichever way
   * @param rest       what to close after the daemon (its ZooKeeper connection)
   * @param status     the exit status now: {@link FatalHandler#EXIT_STATUS} once the daemon's
   *                   fatal path fired, else 0
   * @return the exit status
   */
  static int awaitDrained(Supplier<CompletionStage<Void>> drain, CompletionStage<Void> terminated,
      AutoCloseable rest, IntSupplier status) {
    Thread hook = new Thread(() -> {
      try {
        if (status.getAsInt() == 0) {
          drain.get().toCompletableFuture().join();
        }
        rest.close();
      } catch (Exception e) {
        System.err.println("error while stopping: " + e);
      } finally {
        Runtime.getRuntime().halt(status.getAsInt());
      }
    }, "sparrow-drain-on-signal");
    Runtime.getRuntime().addShutdownHook(hook);
    terminated.toCompletableFuture().join();
    try {
      rest.close();
    } catch (Exception e) {
      System.err.println("error while stopping: " + e);
    }
    return status.getAsInt();
  }

  /** For {@link #awaitDrained}: {@link FatalHandler#EXIT_STATUS} once {@code fatal} fired, else 0. */
  static IntSupplier exitStatusOf(FatalHandler fatal) {
    return () -> fatal.fired() ? FatalHandler.EXIT_STATUS : 0;
  }
}
