package org.sparrow.nodemonitor.task;

import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Suspends and resumes one running in-process task: a {@code sleep} waits out only the time it
 * was not paused; a {@code command}'s process tree gets SIGSTOP / SIGCONT, and its timeout counts
 * only the time it was not stopped ({@link #unpausedNanosSince}). A pause that comes before the
 * task got going takes effect as it starts.
 */
final class PauseControl {

  /** A point to measure unpaused time from: the clock and the paused total then. */
  record Mark(long atNanos, long pausedNanos) {}

  private final LongSupplier nanoTime;
  private boolean paused;  // guarded by this
  private long pausedAtNanos;  // guarded by this
  private long pausedTotalNanos;  // guarded by this; pauses that ended
  private ProcessTree tree;  // guarded by this; the command's processes once started

  PauseControl() {
    this(System::nanoTime);
  }

  /** @param nanoTime the clock pauses are timed on (tests pass a fake one) */
  PauseControl(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  synchronized void pause() {
    if (!paused) {
      paused = true;
      pausedAtNanos = nanoTime.getAsLong();
      if (tree != null) {
        tree.signal("STOP");
      }
    }
  }

  synchronized void resume() {
    if (paused) {
      paused = false;
      pausedTotalNanos += nanoTime.getAsLong() - pausedAtNanos;
      if (tree != null) {
        tree.signal("CONT");
      }
      notifyAll();
    }
  }

  synchronized boolean isPaused() {
    return paused;
  }

  synchronized Mark mark() {
    long now = nanoTime.getAsLong();
    return new Mark(now, pausedNanosLocked(now));
  }

  /** Time since {@code mark} during which the task was not paused (what a timeout counts). */
  synchronized long unpausedNanosSince(Mark mark) {
    long now = nanoTime.getAsLong();
    return (now - mark.atNanos()) - (pausedNanosLocked(now) - mark.pausedNanos());
  }

  private long pausedNanosLocked(long now) {
    return pausedTotalNanos + (paused ? now - pausedAtNanos : 0);
  }

  /** Sleeps {@code millis} of unpaused time; interruptible. */
  void sleep(long millis) throws InterruptedException {
    long total = TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (this) {
      Mark start = mark();
      while (true) {
        // Counted from the mark, not per wait: a pause that began and ended within one wait
        // (resumed before the sleep was due) is left out too.
        long left = total - unpausedNanosSince(start);
        if (left <= 0) {
          return;
        }
        if (paused) {
          wait();
        } else {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        }
      }
    }
  }

  /** The command's processes started: a pause already requested stops them at once. */
  synchronized void attach(ProcessTree processes) {
    this.tree = processes;
    if (paused) {
      processes.signal("STOP");
    }
  }

  synchronized void detach() {
    this.tree = null;
  }
}
