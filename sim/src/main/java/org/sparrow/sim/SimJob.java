package org.sparrow.sim;

/**
 * One job of a trace.
 *
 * @param index        position in the trace (0-based)
 * @param arrivalNanos when it is submitted, from the start of the trace
 * @param taskNanos    how long each of its tasks runs
 */
public record SimJob(int index, long arrivalNanos, long[] taskNanos) {

  public SimJob {
    if (taskNanos.length == 0) {
      throw new IllegalArgumentException("job " + index + " has no tasks");
    }
  }

  public int tasks() {
    return taskNanos.length;
  }

  /** The longest task: no scheduler can finish the job sooner after its arrival. */
  public long longestTaskNanos() {
    long max = 0;
    for (long t : taskNanos) {
      max = Math.max(max, t);
    }
    return max;
  }
}
