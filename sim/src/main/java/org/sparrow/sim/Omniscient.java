package org.sparrow.sim;

import java.util.PriorityQueue;

/**
 * The ideal reference: one centralized FIFO scheduler with perfect, instant knowledge of every
 * slot. Tasks are served in order of their job's arrival (and task order within a job); each
 * starts on the slot that frees first, at once, with no network or scheduling delay. On a
 * cluster with free slots every job's response time is its longest task; under load it shows
 * the queueing no scheduler can avoid with FIFO order.
 */
public final class Omniscient {

  public static final String NAME = "omniscient";

  private Omniscient() {}

  /** Response time of each job (index = job index), in nanoseconds. */
  public static long[] responseNanos(Trace trace, int totalSlots) {
    return responseNanos(trace, totalSlots, TaskEndListener.NONE);
  }

  /** As {@link #responseNanos(Trace, int)}, telling {@code ends} each task's end (not in time order). */
  public static long[] responseNanos(Trace trace, int totalSlots, TaskEndListener ends) {
    if (totalSlots < 1) {
      throw new IllegalArgumentException("the cluster needs at least one slot, got " + totalSlots);
    }
    // Times at which slots become free; a slot is taken by the head task of the FIFO queue.
    PriorityQueue<Long> freeAt = new PriorityQueue<>(Math.min(totalSlots, 1 << 20));
    long[] response = new long[trace.size()];
    int idle = totalSlots;
    for (SimJob job : trace.jobs()) {
      long arrival = job.arrivalNanos();
      long lastEnd = arrival;
      for (long duration : job.taskNanos()) {
        long start;
        if (idle > 0) {
          idle--;
          start = arrival;
        } else {
          start = Math.max(arrival, freeAt.poll());
        }
        long end = start + duration;
        freeAt.add(end);
        ends.ended(job.index(), end);
        lastEnd = Math.max(lastEnd, end);
      }
      response[job.index()] = lastEnd - arrival;
    }
    return response;
  }
}
