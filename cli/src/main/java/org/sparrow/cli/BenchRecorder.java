package org.sparrow.cli;

import java.util.ArrayList;
import java.util.List;
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

  /** Measurement window, as offsets from the run's start (intended arrival times). */
  BenchRecorder(long measureFromNanos, long measureToNanos) {
    this.measureFromNanos = measureFromNanos;
    this.measureToNanos = measureToNanos;
  }

  boolean isMeasured(long intendedOffsetNanos) {
    return intendedOffsetNanos >= measureFromNanos && intendedOffsetNanos < measureToNanos;
  }

  synchronized void submitted(SimJob job, long intendedOffsetNanos, long actualOffsetNanos) {
    boolean measured = isMeasured(intendedOffsetNanos);
    submissions.add(new Submission(job, actualOffsetNanos, measured));
    submittedJobs++;
    if (measured) {
      measuredJobs++;
      measuredTasks += job.tasks();
      submitLagMicros.recordValue(clamp((actualOffsetNanos - intendedOffsetNanos) / 1000));
    }
  }

  synchronized void finished(boolean measured, JobResult r, long completionOffsetNanos) {
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
