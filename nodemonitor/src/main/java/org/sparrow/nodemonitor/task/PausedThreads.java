package org.sparrow.nodemonitor.task;

import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The slot pool's size: {@code slots} threads plus one per paused task, since a paused task keeps
 * its thread while the core gives its slot to more urgent work. When a paused task resumes (or
 * ends), the thread that served the preempting task stays for a while (the maximum stays at its
 * high-water mark, threads above the core size idle out after {@link #SPARE_THREAD_KEEP_ALIVE_S}):
 * under a steady stream of urgent work every preemption would otherwise start a new thread for
 * the urgent task, on a node busy enough to preempt. The slots themselves are the core's to count:
 * it never launches more tasks than it has free slots.
 */
final class PausedThreads {

  /** How long a thread freed by a resumed task waits for the next preemption before it ends. */
  static final long SPARE_THREAD_KEEP_ALIVE_S = 30;

  private final ThreadPoolExecutor pool;
  private final int slots;
  private int paused;  // guarded by this

  PausedThreads(ThreadPoolExecutor pool, int slots) {
    this.pool = pool;
    this.slots = slots;
  }

  /**
   * One more ({@code +1}) or one fewer ({@code -1}) task paused. Fails loudly below zero: each
   * pause is counted off once ({@link TaskRun}), and a second count-off would shrink the pool
   * below its slots.
   */
  synchronized void add(int delta) {
    if (paused + delta < 0) {
      throw new IllegalStateException("more tasks resumed than paused (" + paused + " paused, " + delta + ")");
    }
    paused += delta;
    int size = slots + paused;
    if (size > pool.getMaximumPoolSize()) {
      pool.setKeepAliveTime(SPARE_THREAD_KEEP_ALIVE_S, TimeUnit.SECONDS);
      pool.setMaximumPoolSize(size);
    }
    pool.setCorePoolSize(size);
  }

  /** Tasks paused now. */
  synchronized int paused() {
    return paused;
  }
}
