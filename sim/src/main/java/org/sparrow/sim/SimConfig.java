package org.sparrow.sim;

import java.util.concurrent.TimeUnit;

/**
 * The simulated cluster and workload shape. Defaults follow the Sparrow paper's simulations:
 * 10,000 workers × 4 slots, 100 tasks per job, exponential task durations with mean 100 ms,
 * 0.5 ms one-way network delay, probe ratio d = 2; durations drawn once per job; 4,000 jobs
 * per point of which the first 20% warm the cluster up.
 *
 * @param workers          node monitors
 * @param slotsPerWorker   slots on each
 * @param schedulers       distributed schedulers; jobs go to them round-robin
 * @param tasksPerJob      m
 * @param meanTaskNanos    mean task duration
 * @param distribution     task duration distribution
 * @param perTaskDraws     true: each task draws its duration; false: one draw per job
 * @param jobs             jobs per simulated point
 * @param warmupFraction   leading fraction of jobs left out of the statistics (empty cluster)
 * @param networkDelayNanos one-way delay of every message
 * @param probeRatio       d
 * @param seed             seeds the trace and every scheduler's Random
 */
public record SimConfig(int workers, int slotsPerWorker, int schedulers, int tasksPerJob,
    long meanTaskNanos, DurationDistribution distribution, boolean perTaskDraws, int jobs,
    double warmupFraction, long networkDelayNanos, double probeRatio, long seed) {

  public SimConfig {
    requirePositive(workers, "workers");
    requirePositive(slotsPerWorker, "slots per worker");
    requirePositive(schedulers, "schedulers");
    requirePositive(tasksPerJob, "tasks per job");
    requirePositive(jobs, "jobs");
    if (meanTaskNanos <= 0) {
      throw new IllegalArgumentException("mean task duration must be positive");
    }
    if (!(warmupFraction >= 0 && warmupFraction < 1)) {
      throw new IllegalArgumentException("warm-up fraction must be in [0, 1), got " + warmupFraction);
    }
    if (networkDelayNanos < 0) {
      throw new IllegalArgumentException("network delay must not be negative");
    }
    if (!(probeRatio >= 1) || Double.isInfinite(probeRatio)) {
      throw new IllegalArgumentException("probe ratio must be a number >= 1, got " + probeRatio);
    }
    if (distribution == null) {
      throw new IllegalArgumentException("task duration distribution is missing");
    }
  }

  public static SimConfig paperDefaults() {
    return new SimConfig(10_000, 4, 10, 100, TimeUnit.MILLISECONDS.toNanos(100),
        DurationDistribution.EXP, false, 4_000, 0.2, TimeUnit.MICROSECONDS.toNanos(500), 2.0, 1);
  }

  public int totalSlots() {
    return workers * slotsPerWorker;
  }

  /** The workload that offers {@code load} of this cluster's slots. */
  public WorkloadSpec workload(double load) {
    double rate = WorkloadSpec.jobsPerSecondForLoad(load, totalSlots(), tasksPerJob, meanTaskNanos);
    return new WorkloadSpec(rate, tasksPerJob, meanTaskNanos, distribution, perTaskDraws, jobs, seed);
  }

  /** Jobs left out of the statistics at the start. */
  public int warmupJobs() {
    return (int) Math.floor(jobs * warmupFraction);
  }

  public SimConfig withJobs(int n) {
    return new SimConfig(workers, slotsPerWorker, schedulers, tasksPerJob, meanTaskNanos, distribution,
        perTaskDraws, n, warmupFraction, networkDelayNanos, probeRatio, seed);
  }

  private static void requirePositive(int n, String what) {
    if (n < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, got " + n);
    }
  }
}
