package org.sparrow.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.sparrow.client.JobResult;

/** Response time and scheduling overhead of a set of jobs. Thread-safe. */
final class LatencyReport {

  private static final long MAX_MICROS = 3_600_000_000L;

  private final Histogram responseMicros = new Histogram(MAX_MICROS, 3);
  private final Histogram overheadMicros = new Histogram(MAX_MICROS, 3);
  private final List<String> errors = new ArrayList<>();
  private long succeeded;
  private long failedJobs;
  private long tasks;

  synchronized void record(JobResult r) {
    responseMicros.recordValue(Math.min(MAX_MICROS, r.responseNanos() / 1000));
    overheadMicros.recordValue(Math.min(MAX_MICROS, r.overheadMicros()));
    tasks += r.tasks().size();
    if (r.succeeded()) {
      succeeded++;
    } else {
      failedJobs++;
      r.tasks().stream().filter(t -> !t.succeeded()).findFirst().ifPresent(t -> addError(
          "job " + r.requestId() + " task " + t.taskId() + " " + t.state() + ": " + t.output()));
    }
  }

  synchronized void recordError(Throwable e) {
    failedJobs++;
    addError(Errors.describe(e));
  }

  synchronized long jobs() {
    return succeeded + failedJobs;
  }

  synchronized long failedJobs() {
    return failedJobs;
  }

  synchronized double percentileMillis(boolean overhead, double percentile) {
    Histogram h = overhead ? overheadMicros : responseMicros;
    return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
  }

  synchronized void print(PrintStream out, double elapsedSeconds) {
    out.printf("jobs: %d (%d succeeded, %d failed), tasks: %d, in %.1f s (%.0f tasks/s)%n",
        succeeded + failedJobs, succeeded, failedJobs, tasks, elapsedSeconds,
        elapsedSeconds > 0 ? tasks / elapsedSeconds : 0.0);
    if (responseMicros.getTotalCount() > 0) {
      out.printf("job response time (ms):  median %8.2f   p99 %8.2f   max %8.2f%n",
          ms(responseMicros, 50), ms(responseMicros, 99), responseMicros.getMaxValue() / 1000.0);
      out.printf("scheduling overhead (ms, response - longest task):  median %8.2f   p99 %8.2f%n",
          ms(overheadMicros, 50), ms(overheadMicros, 99));
    }
    errors.forEach(e -> out.println("  failure: " + e));
  }

  private void addError(String e) {
    if (errors.size() < 5) {
      errors.add(e);
    }
  }

  private static double ms(Histogram h, double p) {
    return h.getValueAtPercentile(p) / 1000.0;
  }
}
