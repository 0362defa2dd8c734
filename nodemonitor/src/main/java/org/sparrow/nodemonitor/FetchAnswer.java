package org.sparrow.nodemonitor;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.queue.ReleaseReason;
import org.sparrow.nodemonitor.queue.SlotClaim;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/**
 * What a {@code getTasks} answer means for the claim it was asked for: a pure decision, carried
 * out by {@link NodeMonitorCore}. Fetched tasks each take one claimed slot; claimed slots left
 * over are released unused; tasks beyond the claim are refused (the scheduler broke the
 * {@code maxTasks} contract), as is every task once the node monitor is closed. An exhausted or
 * empty answer, or a failed fetch, drops the request's other reservations here; a scheduler that
 * did not answer in time keeps them (it is frozen or overloaded, not gone).
 *
 * @param verdict       how the scheduler answered
 * @param start         tasks to launch, one per claimed slot, in the scheduler's order
 * @param refused       tasks reported as not run, with why
 * @param refusedSlots  claimed slots whose task was refused (released as REFUSED)
 * @param unusedSlots   claimed slots no task came for (released as UNUSED)
 * @param dropRequest   remove the request's other queued reservations here
 * @param error         the fetch's failure (its cause), null when it answered
 */
record FetchAnswer(Verdict verdict, List<TaskLaunch> start, List<Refusal> refused, int refusedSlots,
    int unusedSlots, boolean dropRequest, Throwable error) {

  enum Verdict { ANSWERED, UNRESPONSIVE, FAILED }

  record Refusal(TaskLaunch task, TaskOutcome outcome) {}

  /** Claimed slots to give back to the queue, by reason (only reasons with slots). */
  Map<ReleaseReason, Integer> released() {
    Map<ReleaseReason, Integer> out = new EnumMap<>(ReleaseReason.class);
    if (refusedSlots > 0) {
      out.put(ReleaseReason.REFUSED, refusedSlots);
    }
    if (unusedSlots > 0) {
      out.put(ReleaseReason.UNUSED, unusedSlots);
    }
    return out;
  }

  static FetchAnswer of(SlotClaim claim, FetchedTasks fetched, Throwable error, boolean closed) {
    if (error != null) {
      Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
      boolean unresponsive = cause instanceof SchedulerUnresponsiveException;
      return new FetchAnswer(unresponsive ? Verdict.UNRESPONSIVE : Verdict.FAILED, List.of(), List.of(), 0,
          claim.slots(), !unresponsive, error);
    }
    List<TaskLaunch> tasks = fetched == null ? List.of() : fetched.tasks();
    List<TaskLaunch> start = new ArrayList<>();
    List<Refusal> refused = new ArrayList<>();
    int refusedSlots = 0;
    for (int i = 0; i < tasks.size(); i++) {
      TaskLaunch task = tasks.get(i);
      if (closed) {
        refusedSlots += i < claim.slots() ? 1 : 0;
        refused.add(new Refusal(task, TaskOutcome.lost("node monitor is shutting down")));
      } else if (i < claim.slots()) {
        start.add(task);
      } else {
        refused.add(new Refusal(task, TaskOutcome.failed("scheduler sent " + tasks.size()
            + " tasks for getTasks(maxTasks=" + claim.slots() + "); the extra ones were not run")));
      }
    }
    boolean drop = fetched == null || fetched.exhausted() || tasks.isEmpty();
    return new FetchAnswer(Verdict.ANSWERED, start, refused, refusedSlots,
        Math.max(0, claim.slots() - tasks.size()), drop, null);
  }
}
