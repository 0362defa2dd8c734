package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;
import org.sparrow.common.TaskState;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.TaskAttempt;
import org.sparrow.scheduler.job.TaskResult;

/**
 * How one job ends: each task's final result, the job's end state (SUCCEEDED, FAILED,
 * CANCELLED) and failure reason, deadline and user cancellation, and the proactive cancellation
 * of the reservations the job no longer needs (with the epoch that names later sends). Not
 * thread-safe: {@link Job} calls it under its monitor.
 */
final class JobEnding {

  private final ValidJob spec;
  private final TaskTable table;
  private final ReservationLedger ledger;
  private final LateBinding binding;
  private final IntFunction<FullTaskId> ids;
  private JobState state = JobState.RUNNING;
  private String failureReason;
  private boolean deadlinePassed;
  private boolean cancelRequested;
  /** Rounds of proactive cancellation so far: names the reservation id of new sends. */
  private int cancelEpoch;

  JobEnding(ValidJob spec, TaskTable table, ReservationLedger ledger, LateBinding binding,
      IntFunction<FullTaskId> ids) {
    this.spec = spec;
    this.table = table;
    this.ledger = ledger;
    this.binding = binding;
    this.ids = ids;
  }

  boolean running() {
    return state == JobState.RUNNING;
  }

  /** The epoch reservations sent now are named with (see {@link RequestIds#alias}). */
  int cancelEpoch() {
    return cancelEpoch;
  }

  /** Later sends go under a new reservation id (node monitors drop what came under the old one). */
  void newEpoch() {
    cancelEpoch++;
  }

  /** Ends the task with a failure state; the reason lists every earlier attempt. */
  void fail(int idx, TaskState s, String reason, Effects.Builder fx) {
    if (table.isFinished(idx)) {
      return;
    }
    String where = "";
    if (table.isUnlaunched(idx)) {
      binding.dropped(idx);
    } else {
      where = table.launchedOn(idx);
      JobNode n = ledger.get(where);
      if (n != null) {
        n.running.remove(idx);
      }
    }
    List<TaskAttempt> earlier = table.earlierAttempts(idx);
    String text = earlier.isEmpty() ? reason : TaskAttempt.describeAll(earlier, new TaskAttempt(
        Math.max(1, table.attempt(idx)), where, s, reason));
    // A task whose every run was lost ends FAILED: LOST alone would hide that it was retried.
    TaskState end = !earlier.isEmpty() && s == TaskState.LOST ? TaskState.FAILED : s;
    record(idx, TaskResult.failure(ids.apply(idx), end, where, text).withAttempts(table.attempt(idx), earlier), fx);
  }

  /** The task's final result; the job ends with its last task. */
  void record(int idx, TaskResult r, Effects.Builder fx) {
    table.finish(idx, r);
    fx.finished.add(r);
    if (table.allFinished()) {
      end(fx);
    } else if (table.unlaunchedCount() == 0) {
      cancelLeftovers(fx, Set.of());
    }
  }

  /** The deadline passed: every unfinished task is TIMED_OUT and the job FAILED. */
  void timeOut(Effects.Builder fx) {
    if (state != JobState.RUNNING) {
      return;
    }
    deadlinePassed = true;
    String reason = "the job's deadline of " + spec.timeoutMs() + " ms passed";
    for (int idx = 0; idx < table.size() && state == JobState.RUNNING; idx++) {
      if (!table.isFinished(idx)) {
        fail(idx, TaskState.TIMED_OUT, reason, fx);
      }
    }
  }

  /** See {@link Job#cancel}. */
  JobCancellation cancel() {
    if (state != JobState.RUNNING) {
      return JobCancellation.ended(state);
    }
    cancelRequested = true;
    Map<String, JobCancellation.Stop> stops = new LinkedHashMap<>();
    int unlaunched = 0;
    int running = 0;
    Effects.Builder fx = new Effects.Builder();
    for (int idx = 0; idx < table.size() && state == JobState.RUNNING; idx++) {
      if (table.isFinished(idx)) {
        continue;
      }
      if (table.isUnlaunched(idx)) {
        unlaunched++;
        fail(idx, TaskState.CANCELLED, "cancelled before it was launched", fx);
        continue;
      }
      running++;
      String where = table.launchedOn(idx);
      JobNode n = ledger.get(where);
      if (n != null) {
        stops.computeIfAbsent(where, k -> new JobCancellation.Stop(n.info, new ArrayList<>()))
            .tasks().add(ids.apply(idx));
      }
      fail(idx, TaskState.CANCELLED, "cancelled while running on " + where, fx);
    }
    failureReason = "cancelled: " + (unlaunched + running) + " of " + table.size() + " tasks had not finished ("
        + unlaunched + " not launched, " + running + " running)";
    return new JobCancellation(fx.build(), List.copyOf(stops.values()), unlaunched, running, state);
  }

  JobStatus status(String requestId) {
    return new JobStatus(requestId, state, table.size(), table.launchedEver(), table.finishedCount(),
        table.failedCount(), failureReason, table.results());
  }

  /** Proactive cancellation: every node that may still hold a reservation of this job. */
  void cancelLeftovers(Effects.Builder fx, Set<String> except) {
    boolean any = false;
    for (var node : ledger.takeLeftovers(except)) {
      binding.clearHints(node.id());
      JobNode n = ledger.get(node.id());
      for (String id : n.reservationIds) {
        fx.cancels.add(new Effects.Cancel(node, id));
      }
      n.reservationIds.clear();
      any = true;
    }
    if (any) {
      cancelEpoch++;  // node monitors discard later enqueues under a cancelled id
    }
  }

  private void end(Effects.Builder fx) {
    state = cancelRequested ? JobState.CANCELLED
        : table.failedCount() == 0 ? JobState.SUCCEEDED : JobState.FAILED;
    if (state == JobState.FAILED) {
      failureReason = (deadlinePassed ? "the job's deadline of " + spec.timeoutMs() + " ms passed; " : "")
          + table.failedCount() + " of " + table.size() + " tasks did not succeed " + table.failureCounts();
    }
    cancelLeftovers(fx, Set.of());
    fx.ended = state;
  }
}
