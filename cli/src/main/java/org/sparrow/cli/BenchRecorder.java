package org.sparrow.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;
import org.sparrow.client.JobResult;
import org.sparrow.client.TaskResult;
import org.sparrow.sim.SimJob;

/**
 * What one benchmark run saw: latency histograms of the measured jobs (submitted after the
 * warm-up), throughput counters, and every submission (for the omniscient reference).
 * Thread-safe: frontends record submissions, client callback threads record completions.
 */
final class BenchRecorder {

  private static final long MAX_MICROS = 3_600_000_000L;

  /** A job as it was submitted: offset from the run's start, and whether it is measured. */
  record Submission(SimJob job, long submitOffsetNanos, boolean measured) {}

  private final long measureFromNanos;
  private final long measureToNanos;
  final Histogram responseMicros = new Histogram(MAX_MICROS, 3);
  final Histogram overheadMicros = new Histogram(MAX_MICROS, 3);
  final Histogram queueWaitMicros = new Histogram(MAX_MICROS, 3);
  final Histogram submitLagMicros = new Histogram(MAX_MICROS, 3);
  private final List<Submission> submissions = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private long submittedJobs;
  private long finishedJobs;
  private long finishedTasks;
  private long measuredJobs;
  private long measuredTasks;
  private long measuredFinishedJobs;
  private long failedJobs;
  private long droppedForBacklog;
  private long tasksCompletedInWindow;
  private final Map<String, UserFigures> users = new TreeMap<>();

  /** One user's share of the run (bench --user / --users). */
  static final class UserFigures {
    final Histogram responseMicros = new Histogram(MAX_MICROS, 3);
    long measuredTasks;
    long tasksCompletedInWindow;
    /** Tasks completed per {@link #BUCKET_NANOS} since the run's start, for ramp-up figures. */
    final Map<Long, Long> completedPerBucket = new TreeMap<>();
  }

  /** Width of the per-user completion time series. */
  static final long BUCKET_NANOS = 100_000_000L;

  /** Measurement window, as offsets from the run's start (intended arrival times). */
  BenchRecorder(long measureFromNanos, long measureToNanos) {
    this.measureFromNanos = measureFromNanos;
    this.measureToNanos = measureToNanos;
  }

  boolean isMeasured(long intendedOffsetNanos) {
    return intendedOffsetNanos >= measureFromNanos && intendedOffsetNanos < measureToNanos;
  }

  synchronized void submitted(SimJob job, long intendedOffsetNanos, long actualOffsetNanos) {
    submitted(null, job, intendedOffsetNanos, actualOffsetNanos);
  }

  /** As {@link #submitted(SimJob, long, long)}, counted for {@code user} too (null: no per-user figures). */
  synchronized void submitted(String user, SimJob job, long intendedOffsetNanos, long actualOffsetNanos) {
    boolean measured = isMeasured(intendedOffsetNanos);
    if (user != null && measured) {
      users.computeIfAbsent(user, u -> new UserFigures()).measuredTasks += job.tasks();
    }
    submissions.add(new Submission(job, actualOffsetNanos, measured));
    submittedJobs++;
    if (measured) {
      measuredJobs++;
      measuredTasks += job.tasks();
      submitLagMicros.recordValue(clamp((actualOffsetNanos - intendedOffsetNanos) / 1000));
    }
  }

  synchronized void finished(boolean measured, JobResult r, long completionOffsetNanos) {
    finished(null, measured, r, completionOffsetNanos);
  }

  /** As {@link #finished(boolean, JobResult, long)}, counted for {@code user} too (null: no per-user figures). */
  synchronized void finished(String user, boolean measured, JobResult r, long completionOffsetNanos) {
    if (user != null) {
      UserFigures u = users.computeIfAbsent(user, k -> new UserFigures());
      if (completionOffsetNanos >= measureFromNanos && completionOffsetNanos < measureToNanos) {
        u.tasksCompletedInWindow += r.tasks().size();
      }
      u.completedPerBucket.merge(completionOffsetNanos / BUCKET_NANOS, (long) r.tasks().size(), Long::sum);
      if (measured) {
        u.responseMicros.recordValue(clamp(r.responseNanos() / 1000));
      }
    }
    finishedJobs++;
    finishedTasks += r.tasks().size();
    if (completionOffsetNanos >= measureFromNanos && completionOffsetNanos < measureToNanos) {
      tasksCompletedInWindow += r.tasks().size();
    }
    if (!r.succeeded()) {
      failedJobs++;
      r.tasks().stream().filter(t -> !t.succeeded()).findFirst().ifPresent(t -> addError(
          "job " + r.requestId() + " task " + t.taskId() + " " + t.state() + ": " + t.output()));
    }
    if (!measured) {
      return;
    }
    measuredFinishedJobs++;
    responseMicros.recordValue(clamp(r.responseNanos() / 1000));
    overheadMicros.recordValue(clamp(r.overheadMicros()));
    for (TaskResult t : r.tasks()) {
      queueWaitMicros.recordValue(clamp(t.queuedMicros()));
    }
  }

  synchronized void failed(Throwable e) {
    finishedJobs++;
    failedJobs++;
    addError(Errors.describe(e));
  }

  /** A job the generator did not submit because too many were outstanding. */
  synchronized void recordDrop() {
    droppedForBacklog++;
  }

  synchronized long outstanding() {
    return submittedJobs - finishedJobs;
  }

  synchronized long submittedJobs() {
    return submittedJobs;
  }

  synchronized long finishedJobs() {
    return finishedJobs;
  }

  synchronized long finishedTasks() {
    return finishedTasks;
  }

  synchronized long measuredJobs() {
    return measuredJobs;
  }

  synchronized long measuredTasks() {
    return measuredTasks;
  }

  synchronized long measuredFinishedJobs() {
    return measuredFinishedJobs;
  }

  synchronized long failedJobs() {
    return failedJobs;
  }

  synchronized long droppedForBacklog() {
    return droppedForBacklog;
  }

  synchronized long tasksCompletedInWindow() {
    return tasksCompletedInWindow;
  }

  synchronized List<Submission> submissions() {
    return List.copyOf(submissions);
  }

  /** Per-user figures for JSON: throughput, response percentiles, completions per 100 ms. */
  synchronized Map<String, Object> usersJson(double measureSeconds) {
    Map<String, Object> out = new LinkedHashMap<>();
    users.forEach((name, u) -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("offered_tasks_per_s", u.measuredTasks / measureSeconds);
      m.put("achieved_tasks_per_s", u.tasksCompletedInWindow / measureSeconds);
      Map<String, Object> pct = new LinkedHashMap<>();
      pct.put("p50", millis(u.responseMicros, 50));
      pct.put("p95", millis(u.responseMicros, 95));
      pct.put("p99", millis(u.responseMicros, 99));
      pct.put("max", maxMillis(u.responseMicros));
      pct.put("jobs", u.responseMicros.getTotalCount());
      m.put("response_ms", pct);
      long last = u.completedPerBucket.isEmpty() ? -1 : ((TreeMap<Long, Long>) u.completedPerBucket).lastKey();
      List<Long> series = new ArrayList<>();
      for (long b = 0; b <= last; b++) {
        series.add(u.completedPerBucket.getOrDefault(b, 0L));
      }
      m.put("tasks_completed_per_100ms", series);
      out.put(name, m);
    });
    return out;
  }

  synchronized Map<String, UserFigures> users() {
    return users;
  }

  synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  /** Percentile of a histogram in milliseconds (NaN when empty). */
  synchronized double millis(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
  }

  synchronized double maxMillis(Histogram h) {
    return h.getTotalCount() == 0 ? Double.NaN : h.getMaxValue() / 1000.0;
  }

  private void addError(String e) {
    if (errors.size() < 5) {
      errors.add(e);
    }
  }

  private static long clamp(long micros) {
    return Math.max(0, Math.min(MAX_MICROS, micros));
  }
}
