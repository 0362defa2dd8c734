package org.sparrow.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.sparrow.client.Job;
import org.sparrow.client.SparrowClient;

/**
 * Submits a number of jobs, either one after another (rate 0) or open-loop at a fixed rate
 * with at most {@code maxOutstanding} unfinished, and records their latencies.
 */
final class Workload {

  private final SparrowClient client;
  private final IntFunction<Job> jobs;
  private final int count;
  private final double jobsPerSecond;
  private final int maxOutstanding;

  Workload(SparrowClient client, IntFunction<Job> jobs, int count, double jobsPerSecond, int maxOutstanding) {
    this.client = client;
    this.jobs = jobs;
    this.count = count;
    this.jobsPerSecond = jobsPerSecond;
    this.maxOutstanding = maxOutstanding;
  }

  /** Runs the workload; returns when every job has ended or {@code deadline} has passed. */
  LatencyReport run(Duration deadline) throws InterruptedException {
    LatencyReport report = new LatencyReport();
    Semaphore outstanding = new Semaphore(maxOutstanding);
    long intervalNanos = jobsPerSecond > 0 ? (long) (1e9 / jobsPerSecond) : 0;
    long start = System.nanoTime();
    long end = start + deadline.toNanos();
    for (int i = 0; i < count && System.nanoTime() < end; i++) {
      if (intervalNanos > 0) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
      }
      if (!outstanding.tryAcquire(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      CompletableFuture<?> f = client.submit(jobs.apply(i)).whenComplete((r, e) -> {
        if (e != null) {
          report.recordError(e);
        } else {
          report.record(r);
        }
        outstanding.release();
      });
      if (intervalNanos == 0) {
        try {
          f.get(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception ignored) {
          // recorded by whenComplete
        }
      }
    }
    // Wait for every submitted job to end (each has its own timeout), bounded by the deadline.
    outstanding.tryAcquire(maxOutstanding, Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
    return report;
  }
}
