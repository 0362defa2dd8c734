package org.sparrow.it.fault;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.sparrow.client.JobResult;
import org.sparrow.client.TaskResult;

/**
 * Where a finished load's time went, for the jobs that match a predicate: latency percentiles of
 * all of them or of those submitted around the fault (give or take 2 s), the same net of the run
 * the fault destroyed, medians of queueing and running, the slowest jobs and each retried task's
 * {@link RetryBreakdown} marks.
 */
final class LoadReport {

  private static final long WINDOW = 2_000_000_000L;

  private final List<LoadRun.Submitted> jobs;
  private final long faultStartNanos;
  private final long faultEndNanos;
  private final LedgerWatch watch;
  /** Node monitor id -> when the suite sent it SIGKILL (nanoTime). */
  private final Map<String, Long> kills;

  LoadReport(List<LoadRun.Submitted> jobs, long faultStartNanos, long faultEndNanos, LedgerWatch watch,
      Map<String, Long> kills) {
    this.jobs = List.copyOf(jobs);
    this.faultStartNanos = faultStartNanos;
    this.faultEndNanos = faultEndNanos;
    this.watch = watch;
    this.kills = Map.copyOf(kills);
  }

  private static JobResult resultOrNull(LoadRun.Submitted s) {
    return s.future.isDone() && !s.future.isCompletedExceptionally() ? s.future.join() : null;
  }

  private boolean aroundTheFault(LoadRun.Submitted s) {
    return s.submitNanos >= faultStartNanos - WINDOW && s.submitNanos <= faultEndNanos + WINDOW;
  }

  /** The jobs with a result that match and, if {@code aroundFault}, were submitted around the fault. */
  private List<LoadRun.Submitted> picked(Predicate<JobResult> which, boolean aroundFault) {
    List<LoadRun.Submitted> out = new ArrayList<>();
    for (LoadRun.Submitted s : jobs) {
      JobResult r = resultOrNull(s);
      if (r != null && which.test(r) && (!aroundFault || aroundTheFault(s))) {
        out.add(s);
      }
    }
    return out;
  }

  /** Latency of every succeeded job that matches, wherever it was submitted. */
  Stats matching(Predicate<JobResult> which) {
    return Stats.of(picked(which, false).stream().map(LoadRun.Submitted::latencyMs).toList());
  }

  /** Latency of the succeeded jobs submitted during the fault (give or take 2 s) that match. */
  Stats duringFault(Predicate<JobResult> which) {
    return Stats.of(picked(which, true).stream().map(LoadRun.Submitted::latencyMs).toList());
  }

  /**
   * Latency of the matching succeeded jobs minus the longest lost run among their tasks: how
   * long an attempt that the fault lost had run before the fault (its start line as read, to the
   * fault's start). What remains is detection, re-placement, queueing and the re-run. Jobs with
   * no lost attempt whose start was read count unchanged.
   */
  Stats netOfLostRun(Predicate<JobResult> which) {
    List<Double> out = new ArrayList<>();
    for (LoadRun.Submitted s : picked(which, false)) {
      JobResult r = s.future.join();
      long lostRun = 0;
      for (TaskResult t : r.tasks()) {
        for (TaskResult.Attempt a : t.attempts()) {
          if (a.state() != TaskResult.State.LOST) {
            continue;
          }
          long started = watch.started(s.key + " " + t.taskId() + " " + a.attempt() + " " + r.requestId(),
              Long.MAX_VALUE);
          if (started < faultStartNanos) {
            lostRun = Math.max(lostRun, faultStartNanos - started);
          }
        }
      }
      out.add(s.latencyMs() - lostRun / 1e6);
    }
    return Stats.of(out);
  }

  /**
   * Where the time of the matching jobs submitted around the fault went, as medians (ms): the
   * longest task's queueing on its node monitor and run, and the rest (submit, late binding,
   * notification). Tells a node-monitor delay from a client or scheduler one.
   */
  String breakdownDuringFault(Predicate<JobResult> which) {
    List<Double> queued = new ArrayList<>();
    List<Double> ran = new ArrayList<>();
    List<Double> rest = new ArrayList<>();
    for (LoadRun.Submitted s : picked(which, true)) {
      JobResult r = s.future.join();
      long q = r.tasks().stream().mapToLong(TaskResult::queuedMicros).max().orElse(0);
      long run = r.tasks().stream().mapToLong(TaskResult::runMicros).max().orElse(0);
      queued.add(q / 1000.0);
      ran.add(run / 1000.0);
      rest.add(s.latencyMs() - (q + run) / 1000.0);
    }
    return String.format("median queued %.0f, ran %.0f, rest %.0f", Stats.of(queued).p50(),
        Stats.of(ran).p50(), Stats.of(rest).p50());
  }

  /**
   * The slowest matching jobs submitted around the fault, one line each: when it was submitted
   * relative to the fault's start, its latency, and per task where it ran, how long it queued
   * there and ran (for reading against the daemons' logs).
   */
  List<String> slowestDuringFault(Predicate<JobResult> which, int n) {
    List<LoadRun.Submitted> picked = picked(which, true);
    picked.sort((a, b) -> Double.compare(b.latencyMs(), a.latencyMs()));
    List<String> out = new ArrayList<>();
    for (LoadRun.Submitted s : picked.subList(0, Math.min(n, picked.size()))) {
      JobResult r = s.future.join();
      StringBuilder b = new StringBuilder(String.format("%s at fault%+.2f s: %.0f ms (%s, %d submit attempts)",
          s.key, (s.submitNanos - faultStartNanos) / 1e9, s.latencyMs(), r.requestId(), r.submitAttempts()));
      for (TaskResult t : r.tasks()) {
        b.append(String.format("; %s on %s queued %d ran %d", t.taskId(), t.nodeMonitorId(),
            t.queuedMicros() / 1000, t.runMicros() / 1000));
      }
      out.add(b.toString());
    }
    return out;
  }

  /**
   * For each task of a succeeded job that lost an attempt on a node monitor this run killed:
   * the marks of {@link RetryBreakdown}, from the ledger as read, the task result and the log of
   * the scheduler that placed the job (request ids start with its id).
   *
   * @param schedulerLogs scheduler id -> its parsed log
   */
  List<RetryBreakdown.Marks> retryBreakdown(Map<String, RetryBreakdown.SchedulerLog> schedulerLogs) {
    long unknown = RetryBreakdown.UNKNOWN;
    List<RetryBreakdown.Marks> out = new ArrayList<>();
    for (LoadRun.Submitted s : picked(r -> true, false)) {
      JobResult r = s.future.join();
      RetryBreakdown.SchedulerLog log = schedulerLogs.get(LedgerAudit.schedulerOf(r.requestId()));
      for (TaskResult t : r.tasks()) {
        TaskResult.Attempt lost = null;
        for (TaskResult.Attempt a : t.attempts()) {
          if (a.state() == TaskResult.State.LOST && kills.containsKey(a.nodeMonitorId())) {
            lost = a;
            break;
          }
        }
        if (lost == null || t.attempts().size() < 2) {
          continue;
        }
        long kill = kills.get(lost.nodeMonitorId());
        String run = s.key + " " + t.taskId() + " ";
        long lostStart = watch.started(run + lost.attempt() + " " + r.requestId(), unknown);
        long suspect = log == null ? unknown : log.suspectAfter(lost.nodeMonitorId(), kill);
        long retried = log == null ? unknown : log.retryAfter(r.requestId(), suspect == unknown ? kill : suspect);
        String last = run + t.attempt() + " " + r.requestId();
        out.add(new RetryBreakdown.Marks(s.key + "/" + t.taskId(), lost.nodeMonitorId(), t.nodeMonitorId(),
            lostStart, kill, suspect, retried, t.queuedMicros() * 1000, watch.started(last, unknown),
            watch.ended(last, unknown), s.endNanos));
      }
    }
    return out;
  }
}
