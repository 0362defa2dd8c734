package org.sparrow.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.sim.SimJob;
import org.sparrow.sim.Trace;

/**
 * Drives jobs through several frontends (one {@link SparrowClient} and one submitting thread
 * each, owned by a run and joined before it returns).
 *
 * <p>Open loop: job i of the trace is submitted by frontend i mod F at its arrival time,
 * whether or not earlier jobs have finished, so a slow cluster meets the offered load instead
 * of slowing the generator down. How late each submission went out is recorded (submit lag):
 * a large lag means the generator, not the cluster, was the limit.
 */
final class OpenLoopDriver {

  private static final long START_LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private final List<SparrowClient> clients;
  private final BenchJobs jobs;
  private final int maxOutstanding;
  private final PrintStream progress;
  private final long progressEveryNanos;
  private final BenchJobLog jobLog;

  /**
   * @param maxOutstanding jobs in flight beyond which arrivals are dropped (and counted)
   * @param progress       where progress lines go, or null for none
   */
  OpenLoopDriver(List<SparrowClient> clients, BenchJobs jobs, int maxOutstanding, PrintStream progress,
      Duration progressEvery) {
    this(clients, jobs, maxOutstanding, progress, progressEvery, BenchJobLog.NONE);
  }

  /** As above, every job also logged to {@code jobLog} (bench --jobs-out). */
  OpenLoopDriver(List<SparrowClient> clients, BenchJobs jobs, int maxOutstanding, PrintStream progress,
      Duration progressEvery, BenchJobLog jobLog) {
    this.jobLog = jobLog;
    this.clients = List.copyOf(clients);
    this.jobs = jobs;
    this.maxOutstanding = maxOutstanding;
    this.progress = progress;
    this.progressEveryNanos = progressEvery.toNanos();
  }

  /**
   * Submits every job of {@code trace} (already rounded to milliseconds) at its arrival time,
   * then waits up to {@code drain} for the outstanding ones. Jobs arriving in
   * [warmup, warmup + measure) are measured.
   */
  BenchRecorder runOpenLoop(Trace trace, long warmupNanos, long measureNanos, Duration drain)
      throws InterruptedException {
    BenchRecorder rec = new BenchRecorder(warmupNanos, warmupNanos + measureNanos);
    long start = System.nanoTime() + START_LEAD_NANOS;
    jobLog.start(epochMicrosAt(start));
    int frontends = clients.size();
    List<Thread> threads = new ArrayList<>(frontends);
    for (int f = 0; f < frontends; f++) {
      int frontend = f;
      threads.add(new Thread(() -> submitShare(trace, frontend, start, rec), "bench-frontend-" + f));
    }
    return supervise(threads, rec, start, drain);
  }

  /**
   * Closed loop with one job in flight per frontend ("light load"): each frontend submits its
   * next job when the previous one has ended, for {@code warmup + measure}.
   */
  BenchRecorder runSequential(IntFunction<Supplier<SimJob>> jobSources, long warmupNanos, long measureNanos,
      Duration jobTimeout) throws InterruptedException {
    BenchRecorder rec = new BenchRecorder(warmupNanos, warmupNanos + measureNanos);
    long start = System.nanoTime() + START_LEAD_NANOS;
    jobLog.start(epochMicrosAt(start));
    long end = warmupNanos + measureNanos;
    List<Thread> threads = new ArrayList<>();
    for (int f = 0; f < clients.size(); f++) {
      SparrowClient client = clients.get(f);
      Supplier<SimJob> source = jobSources.apply(f);
      threads.add(new Thread(() -> {
        LockSupport.parkNanos(start - System.nanoTime());
        long offset;
        while ((offset = System.nanoTime() - start) < end && !Thread.currentThread().isInterrupted()) {
          SimJob job = source.get();
          boolean measured = rec.isMeasured(offset);
          rec.submitted(jobs.userOf(job), job, offset, offset);
          Job submitted = jobs.toJob(job);
          try {
            JobResult r = client.submit(submitted).get(jobTimeout.toMillis(), TimeUnit.MILLISECONDS);
            rec.finished(jobs.userOf(job), measured, r, System.nanoTime() - start);
            jobLog.finished(job.index(), submitted, offset, measured, r);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (Exception e) {
            rec.failed(e);
            jobLog.failed(job.index(), submitted, offset, measured);
          }
        }
      }, "bench-frontend-" + f));
    }
    return supervise(threads, rec, start, Duration.ZERO);
  }

  private void submitShare(Trace trace, int frontend, long start, BenchRecorder rec) {
    SparrowClient client = clients.get(frontend);
    List<SimJob> all = trace.jobs();
    for (int i = frontend; i < all.size(); i += clients.size()) {
      SimJob job = all.get(i);
      long due = start + job.arrivalNanos();
      long wait;
      while ((wait = due - System.nanoTime()) > 0) {
        LockSupport.parkNanos(wait);
        if (Thread.currentThread().isInterrupted()) {
          return;
        }
      }
      if (rec.outstanding() >= maxOutstanding) {
        rec.recordDrop();
        continue;
      }
      boolean measured = rec.isMeasured(job.arrivalNanos());
      long submitOffset = System.nanoTime() - start;
      rec.submitted(jobs.userOf(job), job, job.arrivalNanos(), submitOffset);
      Job submitted = jobs.toJob(job);
      client.submit(submitted).whenComplete((r, e) -> {
        if (e != null) {
          rec.failed(e);
          jobLog.failed(job.index(), submitted, submitOffset, measured);
        } else {
          rec.finished(jobs.userOf(job), measured, r, System.nanoTime() - start);
          jobLog.finished(job.index(), submitted, submitOffset, measured, r);
        }
      });
    }
  }

  /** The wall-clock time, in epoch microseconds, of System.nanoTime() value {@code nanos}. */
  private static long epochMicrosAt(long nanos) {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000L + now.getNano() / 1000 + (nanos - System.nanoTime()) / 1000;
  }

  /** Starts the threads, prints progress until they end and the jobs drain, joins them. */
  private BenchRecorder supervise(List<Thread> threads, BenchRecorder rec, long start, Duration drain)
      throws InterruptedException {
    threads.forEach(t -> t.setDaemon(true));
    threads.forEach(Thread::start);
    long lastPrint = System.nanoTime();
    long lastTasks = 0;
    long drainDeadline = Long.MAX_VALUE;
    try {
      while (true) {
        boolean submitting = threads.stream().anyMatch(Thread::isAlive);
        long now = System.nanoTime();
        if (!submitting && drainDeadline == Long.MAX_VALUE) {
          drainDeadline = now + drain.toNanos();
        }
        if (!submitting && (rec.outstanding() == 0 || now - drainDeadline >= 0)) {
          break;
        }
        if (progress != null && now - lastPrint >= progressEveryNanos) {
          long tasks = rec.finishedTasks();
          progress.printf(Locale.ROOT, "[%5.0f s] submitted %d jobs, finished %d, outstanding %d, %.0f tasks/s done, median so far %.2f ms%n",
              (now - start) / 1e9, rec.submittedJobs(), rec.finishedJobs(), rec.outstanding(),
              (tasks - lastTasks) / ((now - lastPrint) / 1e9), rec.millis(rec.responseMicros, 50));
          lastPrint = now;
          lastTasks = tasks;
        }
        for (Thread t : threads) {
          t.join(10);
        }
        if (!submitting) {
          Thread.sleep(10);
        }
      }
    } finally {
      threads.forEach(Thread::interrupt);
      for (Thread t : threads) {
        t.join(TimeUnit.SECONDS.toMillis(10));
      }
    }
    return rec;
  }
}
