package org.sparrow.sim;

/**
 * A synthetic open-loop workload: Poisson job arrivals, a fixed number of tasks per job, task
 * durations from a distribution drawn once per job (a job's tasks are equal) or per task.
 *
 * @param jobsPerSecond  mean arrival rate
 * @param tasksPerJob    m
 * @param meanTaskNanos  mean task duration
 * @param distribution   shape of task durations
 * @param perTaskDraws   true: every task draws its own duration; false: one draw per job
 * @param jobs           how many jobs
 * @param seed           seeds arrivals and durations; the same spec gives the same trace
 */
public record WorkloadSpec(double jobsPerSecond, int tasksPerJob, long meanTaskNanos,
    DurationDistribution distribution, boolean perTaskDraws, int jobs, long seed) {

  public WorkloadSpec {
    if (!(jobsPerSecond > 0) || Double.isInfinite(jobsPerSecond)) {
      throw new IllegalArgumentException("job arrival rate must be positive, got " + jobsPerSecond);
    }
    if (tasksPerJob < 1) {
      throw new IllegalArgumentException("tasks per job must be at least 1, got " + tasksPerJob);
    }
    if (meanTaskNanos < 0) {
      throw new IllegalArgumentException("mean task duration must not be negative");
    }
    if (jobs < 0) {
      throw new IllegalArgumentException("number of jobs must not be negative, got " + jobs);
    }
    if (distribution == null) {
      throw new IllegalArgumentException("task duration distribution is missing");
    }
  }

  /**
   * The arrival rate that keeps {@code load} of {@code totalSlots} busy on average:
   * load · slots / (m · mean duration).
   */
  public static double jobsPerSecondForLoad(double load, int totalSlots, int tasksPerJob, long meanTaskNanos) {
    if (!(load > 0) || Double.isInfinite(load)) {
      throw new IllegalArgumentException("load must be positive, got " + load);
    }
    if (meanTaskNanos <= 0) {
      throw new IllegalArgumentException("a target load needs a positive mean task duration; give a rate instead");
    }
    return load * totalSlots / (tasksPerJob * (meanTaskNanos / 1e9));
  }

  /** Offered tasks per second. */
  public double tasksPerSecond() {
    return jobsPerSecond * tasksPerJob;
  }
}
