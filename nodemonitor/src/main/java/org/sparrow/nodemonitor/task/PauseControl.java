package org.sparrow.nodemonitor.task;

import java.util.concurrent.TimeUnit;

/**
 * Suspends and resumes one running in-process task: a {@code sleep} waits out only the time it
 * was not paused; a {@code command}'s process tree gets SIGSTOP / SIGCONT. A pause that comes
 * before the task got going takes effect as it starts.
 */
final class PauseControl {

  private boolean paused;  // guarded by this
  private long pausedAtNanos;  // guarded by this
  private ProcessTree tree;  // guarded by this; the command's processes once started

  synchronized void pause() {
    if (!paused) {
      paused = true;
      pausedAtNanos = System.nanoTime();
      if (tree != null) {
        tree.signal("STOP");
      }
    }
  }

  synchronized void resume() {
    if (paused) {
      paused = false;
      if (tree != null) {
        tree.signal("CONT");
      }
      notifyAll();
    }
  }

  synchronized boolean isPaused() {
    return paused;
  }

  /** Sleeps {@code millis} of unpaused time; interruptible. */
  void sleep(long millis) throws InterruptedException {
    long remaining = TimeUnit.MILLISECONDS.toNanos(millis);
    synchronized (this) {
      while (remaining > 0) {
        if (paused) {
          wait();
          continue;
        }
        long start = System.nanoTime();
        TimeUnit.NANOSECONDS.timedWait(this, remaining);
        // Paused while waiting: only the time until the pause counts.
        remaining -= (paused ? pausedAtNanos : System.nanoTime()) - start;
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
