package org.sparrow.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.sparrow.sim.Omniscient;
import org.sparrow.sim.ResponseStats;
import org.sparrow.sim.SimJob;
import org.sparrow.sim.Trace;

/** Figures of one benchmark run: printed for people, and as JSON for scripts. */
final class BenchSummary {

  private BenchSummary() {}

  /**
   * The omniscient scheduler's response times for exactly the jobs submitted (at their actual
   * submission times, with their task durations) on {@code totalSlots}; stats of the measured
   * ones. Null when nothing was measured.
   */
  static ResponseStats omniscientReference(BenchRecorder rec, int totalSlots) {
    List<BenchRecorder.Submission> subs = new ArrayList<>(rec.submissions());
    subs.sort(Comparator.comparingLong(BenchRecorder.Submission::submitOffsetNanos));
    List<SimJob> jobs = new ArrayList<>(subs.size());
    long first = subs.isEmpty() ? 0 : subs.get(0).submitOffsetNanos();
    for (int i = 0; i < subs.size(); i++) {
      jobs.add(new SimJob(i, subs.get(i).submitOffsetNanos() - first, subs.get(i).job().taskNanos()));
    }
    long[] all = Omniscient.responseNanos(new Trace(jobs), totalSlots);
    long[] measured = new long[all.length];
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      if (subs.get(i).measured()) {
        measured[n++] = all[i];
      }
    }
    return n == 0 ? null : ResponseStats.of(java.util.Arrays.copyOf(measured, n));
  }

  static Map<String, Object> toJson(BenchRecorder rec, double measureSeconds, Map<String, Object> setup,
      ResponseStats omniscient) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jobs", rec.measuredFinishedJobs());
    m.put("tasks", rec.measuredTasks());
    m.put("offered_tasks_per_s", rec.measuredTasks() / measureSeconds);
    m.put("achieved_tasks_per_s", rec.tasksCompletedInWindow() / measureSeconds);
    m.put("response_ms", percentiles(rec, rec.responseMicros, true));
    m.put("overhead_ms", percentiles(rec, rec.overheadMicros, false));
    m.put("queue_wait_ms", percentiles(rec, rec.queueWaitMicros, false));
    m.put("submit_lag_ms", percentiles(rec, rec.submitLagMicros, false));
    m.put("failed_jobs", rec.failedJobs());
    m.put("dropped_for_backlog", rec.droppedForBacklog());
    if (omniscient != null && omniscient.p50() > 0) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("p50", omniscient.p50Millis());
      o.put("p95", omniscient.p95Millis());
      o.put("p99", omniscient.p99Millis());
      m.put("omniscient_response_ms", o);
      Map<String, Object> ratio = new LinkedHashMap<>();
      ratio.put("p50", rec.millis(rec.responseMicros, 50) / omniscient.p50Millis());
      ratio.put("p95", rec.millis(rec.responseMicros, 95) / omniscient.p95Millis());
      m.put("response_vs_omniscient", ratio);
    }
    m.put("setup", setup);
    m.put("errors", rec.errors());
    return m;
  }

  private static Map<String, Object> percentiles(BenchRecorder rec, Histogram h, boolean withMax) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("p50", rec.millis(h, 50));
    m.put("p95", rec.millis(h, 95));
    m.put("p99", rec.millis(h, 99));
    if (withMax) {
      m.put("max", rec.maxMillis(h));
    }
    return m;
  }

  static void print(PrintStream out, BenchRecorder rec, double measureSeconds, ResponseStats omniscient) {
    out.printf(Locale.ROOT, "measured: %d jobs (%d tasks) submitted in %.1f s; %d failed, %d not submitted (backlog limit)%n",
        rec.measuredJobs(), rec.measuredTasks(), measureSeconds, rec.failedJobs(), rec.droppedForBacklog());
    out.printf(Locale.ROOT, "throughput: offered %.0f tasks/s, achieved %.0f tasks/s%n",
        rec.measuredTasks() / measureSeconds, rec.tasksCompletedInWindow() / measureSeconds);
    line(out, rec, "job response time", rec.responseMicros);
    line(out, rec, "scheduling overhead (response - longest task)", rec.overheadMicros);
    line(out, rec, "task queueing wait on node monitors", rec.queueWaitMicros);
    line(out, rec, "submission lag behind the schedule (generator)", rec.submitLagMicros);
    if (omniscient != null && omniscient.p50() > 0) {
      out.printf(Locale.ROOT, "omniscient FIFO reference for this trace: p50 %.2f  p95 %.2f  p99 %.2f ms"
              + "  -> measured/omniscient: p50 %.3fx  p95 %.3fx%n",
          omniscient.p50Millis(), omniscient.p95Millis(), omniscient.p99Millis(),
          rec.millis(rec.responseMicros, 50) / omniscient.p50Millis(),
          rec.millis(rec.responseMicros, 95) / omniscient.p95Millis());
    }
    rec.errors().forEach(e -> out.println("  failure: " + e));
  }

  private static void line(PrintStream out, BenchRecorder rec, String name, Histogram h) {
    out.printf(Locale.ROOT, "%-48s p50 %8.2f  p95 %8.2f  p99 %8.2f  max %8.2f ms%n", name + ":",
        rec.millis(h, 50), rec.millis(h, 95), rec.millis(h, 99), rec.maxMillis(h));
  }
}
