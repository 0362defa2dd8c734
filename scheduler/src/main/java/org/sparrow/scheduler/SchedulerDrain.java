package org.sparrow.scheduler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler's graceful stop: refuse new jobs (clients resubmit elsewhere), wait until the
 * active ones ended or the timeout passed, leave the membership, give the last completion
 * notices a moment to go out, then close. Started once, by SIGTERM or the drain flag.
 */
final class SchedulerDrain {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerDrain.class);
  private static final long POLL_MS = 50;

  private final AtomicBoolean started = new AtomicBoolean();
  private final CompletableFuture<Void> done = new CompletableFuture<>();

  /**
   * @param refuse       stops accepting jobs
   * @param active       jobs not yet ended
   * @param deregister   withdraws the membership entry
   * @param close        stops the daemon
   * @param graceMs      wait between deregistering and closing (notices in flight)
   */
  void start(ScheduledExecutorService timer, long timeoutMs, long graceMs, Runnable refuse, IntSupplier active,
      Runnable deregister, Runnable close) {
    if (!started.compareAndSet(false, true)) {
      return;
    }
    refuse.run();
    LOG.info("Draining: refusing new jobs, waiting up to {} ms for {} active ones", timeoutMs, active.getAsInt());
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    ScheduledFuture<?>[] poll = new ScheduledFuture<?>[1];
    Runnable check = () -> {
      int left = active.getAsInt();
      if (left > 0 && System.nanoTime() - deadline < 0) {
        return;
      }
      poll[0].cancel(false);
      if (left > 0) {
        LOG.warn("Drain timeout passed with {} jobs still active; stopping anyway", left);
      }
      try {
        deregister.run();
      } finally {
        timer.schedule(() -> finish(close), graceMs, TimeUnit.MILLISECONDS);
      }
    };
    synchronized (poll) {
      poll[0] = timer.scheduleWithFixedDelay(() -> {
        synchronized (poll) {
          try {
            check.run();
          } catch (RuntimeException e) {
            LOG.error("Drain step failed", e);
          }
        }
      }, 0, POLL_MS, TimeUnit.MILLISECONDS);
    }
  }

  private void finish(Runnable close) {
    try {
      // close() stops the timer this runs on: hand it to a thread of its own.
      Thread t = new Thread(() -> {
        try {
          close.run();
        } finally {
          done.complete(null);
        }
      }, "scheduler-drain-close");
      t.start();
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
    }
  }

  boolean started() {
    return started.get();
  }

  /** Completes once the drained daemon is closed. */
  CompletableFuture<Void> done() {
    return done;
  }
}
