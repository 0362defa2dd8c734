package org.sparrow.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;

/**
 * Submits a number of jobs, either one after another (rate 0) or open-loop at a fixed rate
 * with at most {@code maxOutstanding} unfinished, and records their latencies; a listener hears
 * of each job as it ends (whatever the pacing).
 */
final class Workload {

  /** The clock the workload paces by: the machine's, or a test's. */
  interface Pacer {
    long nanoTime();

    /** Returns once {@link #nanoTime} has reached {@code nanos}. */
    void waitUntil(long nanos);

    Pacer SYSTEM = new Pacer() {
      @Override
      public long nanoTime() {
        return System.nanoTime();
      }

      @Override
      public void waitUntil(long nanos) {
        // parkNanos may return early (spuriously, or on an interrupt): wait out the rest.
        for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
          LockSupport.parkNanos(wait);
          if (Thread.currentThread().isInterrupted()) {
            return;
          }
        }
      }
    };
  }

  private final Function<Job, CompletableFuture<JobResult>> submit;
  private final IntFunction<Job> jobs;
  private final int count;
  private final double jobsPerSecond;
  private final int maxOutstanding;
  private final Pacer pacer;
  private final BiConsumer<JobResult, Throwable> eachEnded;

  Workload(SparrowClient client, IntFunction<Job> jobs, int count, double jobsPerSecond, int maxOutstanding) {
    this(client::submit, jobs, count, jobsPerSecond, maxOutstanding, Pacer.SYSTEM, (r, e) -> { });
  }

  /**
   * @param submit    sends one job; the future ends with it
   * @param eachEnded told of every job as it ends (its result, or its failure), before
   *                  {@link #run} can return
   */
  Workload(Function<Job, CompletableFuture<JobResult>> submit, IntFunction<Job> jobs, int count,
      double jobsPerSecond, int maxOutstanding, Pacer pacer, BiConsumer<JobResult, Throwable> eachEnded) {
    this.submit = submit;
    this.jobs = jobs;
    this.count = count;
    this.jobsPerSecond = jobsPerSecond;
    this.maxOutstanding = maxOutstanding;
    this.pacer = pacer;
    this.eachEnded = eachEnded;
  }

  /** Runs the workload; returns when every job has ended or {@code deadline} has passed. */
  LatencyReport run(Duration deadline) throws InterruptedException {
    LatencyReport report = new LatencyReport();
    Semaphore outstanding = new Semaphore(maxOutstanding);
    long intervalNanos = jobsPerSecond > 0 ? (long) (1e9 / jobsPerSecond) : 0;
    long start = pacer.nanoTime();
    long end = start + deadline.toNanos();
    for (int i = 0; i < count && pacer.nanoTime() < end; i++) {
      if (intervalNanos > 0) {
        pacer.waitUntil(start + i * intervalNanos);
      }
      if (!outstanding.tryAcquire(Math.max(1, end - pacer.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      CompletableFuture<?> f = submit.apply(jobs.apply(i)).whenComplete((r, e) -> {
        try {
          if (e != null) {
            report.recordError(e);
          } else {
            report.record(r);
          }
          eachEnded.accept(r, e);
        } finally {
          outstanding.release();
        }
      });
      if (intervalNanos == 0) {
        try {
          f.get(Math.max(1, end - pacer.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (Exception ignored) {
          // recorded by whenComplete
        }
      }
    }
    // Wait for every submitted job to end (each has its own timeout), bounded by the deadline.
    outstanding.tryAcquire(maxOutstanding, Math.max(1, end - pacer.nanoTime()), TimeUnit.NANOSECONDS);
    return report;
  }
}
