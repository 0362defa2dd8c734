package org.sparrow.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.sparrow.sim.DurationDistribution;
import org.sparrow.sim.Trace;
import org.sparrow.sim.TraceGenerator;
import org.sparrow.sim.WorkloadSpec;

/**
 * Finds the highest task rate the cluster sustains with 0-ms tasks: offers Poisson arrivals at
 * growing rates, a step at a time, until a step is not sustained, then bisects between the last
 * sustained rate and the first unsustained one. A step is sustained when the tasks completed in
 * its window keep up with the tasks offered (>= 95%), nothing failed, no arrival was dropped for
 * backlog, and jobs still finish quickly (median response under 100 ms: a growing backlog of
 * 0-ms tasks shows up there first).
 */
final class SaturationSearch {

  /** One step. */
  record Step(double offeredTasksPerSecond, double achievedTasksPerSecond, double p50Ms, double p99Ms,
      double submitLagP50Ms, long failed, long dropped, boolean sustained) {}

  private static final double KEEP_UP = 0.95;
  private static final double MAX_MEDIAN_MS = 100;

  private final OpenLoopDriver driver;
  private final int tasksPerJob;
  private final long stepNanos;
  private final long stepWarmupNanos;
  private final long seed;
  private final PrintStream out;
  final List<Step> steps = new ArrayList<>();

  SaturationSearch(OpenLoopDriver driver, int tasksPerJob, Duration step, long seed, PrintStream out) {
    this.driver = driver;
    this.tasksPerJob = tasksPerJob;
    this.stepNanos = step.toNanos();
    this.stepWarmupNanos = Math.min(TimeUnit.SECONDS.toNanos(1), stepNanos / 4);
    this.seed = seed;
    this.out = out;
  }

  /** The highest sustained rate in tasks/s (0 if even the first step was not sustained). */
  double run(double startTasksPerSecond, double growth, double maxTasksPerSecond, int bisections)
      throws InterruptedException {
    double good = 0;
    double bad = Double.NaN;
    double rate = startTasksPerSecond;
    while (rate <= maxTasksPerSecond) {
      Step s = step(rate);
      if (!s.sustained()) {
        bad = rate;
        break;
      }
      good = Math.max(good, s.achievedTasksPerSecond());
      rate *= growth;
    }
    double lo = good;
    for (int i = 0; i < bisections && !Double.isNaN(bad) && lo > 0 && bad / lo > 1.03; i++) {
      double mid = (lo + bad) / 2;
      Step s = step(mid);
      if (s.sustained()) {
        lo = mid;
        good = Math.max(good, s.achievedTasksPerSecond());
      } else {
        bad = mid;
      }
    }
    return good;
  }

  private Step step(double tasksPerSecond) throws InterruptedException {
    double jobsPerSecond = tasksPerSecond / tasksPerJob;
    int jobs = (int) Math.ceil(jobsPerSecond * (stepWarmupNanos + stepNanos) / 1e9);
    Trace trace = TraceGenerator.generate(new WorkloadSpec(jobsPerSecond, tasksPerJob, 0,
        DurationDistribution.CONSTANT, true, Math.max(1, jobs), seed + steps.size()));
    BenchRecorder rec = driver.runOpenLoop(trace, stepWarmupNanos, stepNanos, Duration.ofSeconds(30));
    double seconds = stepNanos / 1e9;
    double offered = rec.measuredTasks() / seconds;
    double achieved = rec.tasksCompletedInWindow() / seconds;
    double p50 = rec.millis(rec.responseMicros, 50);
    boolean sustained = achieved >= KEEP_UP * offered && rec.failedJobs() == 0
        && rec.droppedForBacklog() == 0 && p50 < MAX_MEDIAN_MS;
    Step s = new Step(offered, achieved, p50, rec.millis(rec.responseMicros, 99),
        rec.millis(rec.submitLagMicros, 50), rec.failedJobs(), rec.droppedForBacklog(), sustained);
    steps.add(s);
    out.printf(Locale.ROOT, "step: offered %7.0f tasks/s  achieved %7.0f tasks/s  response p50 %7.2f ms  p99 %8.2f ms"
            + "  submit lag p50 %6.2f ms  failed %d  dropped %d  -> %s%n",
        offered, achieved, p50, s.p99Ms(), s.submitLagP50Ms(), s.failed(), s.dropped(),
        sustained ? "sustained" : "NOT sustained");
    return s;
  }

  List<Map<String, Object>> stepsJson() {
    List<Map<String, Object>> list = new ArrayList<>();
    for (Step s : steps) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("offered_tasks_per_s", s.offeredTasksPerSecond());
      m.put("achieved_tasks_per_s", s.achievedTasksPerSecond());
      m.put("response_p50_ms", s.p50Ms());
      m.put("response_p99_ms", s.p99Ms());
      m.put("submit_lag_p50_ms", s.submitLagP50Ms());
      m.put("failed_jobs", s.failed());
      m.put("dropped_for_backlog", s.dropped());
      m.put("sustained", s.sustained());
      list.add(m);
    }
    return list;
  }
}
