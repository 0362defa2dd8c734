package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sparrow.common.BootIds;
import org.sparrow.common.TaskState;
import org.sparrow.scheduler.job.HandedOut;
import org.sparrow.scheduler.job.TaskAttempt;

/**
 * What a failure costs one job: a lost run goes back to the unlaunched tasks (the retry policy
 * allowing, never to the same node monitor) or ends the task; a departed, suspect, restarted or
 * draining node monitor loses the job's runs there and what its reservations would have served
 * is re-placed. Not thread-safe: {@link Job} calls it under its monitor.
 */
final class TaskLosses {

  private final ValidJob spec;
  private final TaskTable table;
  private final ReservationLedger ledger;
  private final LateBinding binding;
  private final JobEnding ending;

  TaskLosses(ValidJob spec, TaskTable table, ReservationLedger ledger, LateBinding binding, JobEnding ending) {
    this.spec = spec;
    this.table = table;
    this.ledger = ledger;
    this.binding = binding;
    this.ending = ending;
  }

  /** See {@link Job#nodeLeft}. */
  Effects nodeLeft(String nodeId) {
    JobNode n = ledger.remove(nodeId);
    if (n == null || !ending.running()) {
      return Effects.NONE;
    }
    binding.clearHints(nodeId);
    return loseNode(n, "node monitor " + nodeId + " left the cluster");
  }

  /** See {@link Job#nodeSuspect}. */
  Effects nodeSuspect(String nodeId) {
    JobNode n = ledger.get(nodeId);
    if (n == null || !ending.running()) {
      return Effects.NONE;
    }
    binding.clearHints(nodeId);
    return loseNode(n, "node monitor " + nodeId + " stopped answering");
  }

  /** See {@link Job#incarnationSeen}. */
  Effects incarnationSeen(String nodeId, String aliveBootId) {
    JobNode n = ledger.get(nodeId);
    if (n == null || n.info.bootId().isEmpty() || aliveBootId.isEmpty() || n.info.bootId().equals(aliveBootId)) {
      return Effects.NONE;
    }
    return nodeLeft(nodeId);
  }

  /** See {@link Job#fromHolder}. */
  boolean fromHolder(String nodeId, String bootId) {
    JobNode n = ledger.get(nodeId);
    return n == null || BootIds.matches(bootId, n.info.bootId());
  }

  /** See {@link Job#reservationsElsewhere}. */
  Effects reservationsElsewhere(String nodeId) {
    JobNode n = ledger.get(nodeId);
    if (n == null || !ending.running() || n.outstanding == 0) {
      return Effects.NONE;
    }
    n.outstanding = 0;
    binding.clearHints(nodeId);
    Effects.Builder fx = new Effects.Builder();
    replaceIfShort(true, fx);
    return fx.build();
  }

  /** See {@link Job#enqueueFailed}. */
  Effects enqueueFailed(String nodeId, int unbound, List<String> boundTaskIds) {
    ledger.exclude(nodeId);
    JobNode n = ledger.get(nodeId);
    if (n == null || !ending.running()) {
      return Effects.NONE;
    }
    int lost = Math.min(unbound, n.outstanding);
    n.outstanding -= lost;
    Set<Integer> taken = new LinkedHashSet<>();
    for (String taskId : boundTaskIds) {
      Integer idx = table.index(taskId);
      if (idx != null && table.isLaunched(idx) && nodeId.equals(table.launchedOn(idx))) {
        table.unlaunch(idx);
        n.running.remove(idx);
        binding.returned(idx);
        taken.add(idx);
      }
    }
    Effects.Builder fx = new Effects.Builder();
    fx.replace.addAll(binding.demandsFor(Coverage.lostOn(binding, n, lost, taken)));
    return fx.build();
  }

  /**
   * See {@link Job#answerLost}. It takes the path of a run lost with its node monitor, and so
   * counts against maxAttempts, although the node monitor never started it: the loss can repeat
   * for the same task (an answer over the node monitor's frame limit is lost on every node), and
   * counting bounds how often it is handed out and lost before it ends LOST. For the same reason a
   * backend task of a non-idempotent job is not handed out again: the scheduler cannot tell a
   * lost answer from one that arrived late after the node monitor gave up on it.
   */
  Effects answerLost(String nodeId, List<HandedOut> tasks) {
    if (!ending.running()) {
      return Effects.NONE;
    }
    Effects.Builder fx = new Effects.Builder();
    boolean retried = false;
    for (HandedOut t : tasks) {
      Integer idx = table.index(t.taskId());
      // Only the run that answer handed out: a later run (or one elsewhere) is not lost.
      if (idx != null && ending.running() && table.isLaunched(idx)
          && nodeId.equals(table.launchedOn(idx)) && table.attempt(idx) == t.attempt()) {
        retried |= lose(idx, "the getTasks answer that handed it to node monitor " + nodeId
            + " was lost (asked again after its answer was given up)", fx);
      }
    }
    replaceIfShort(retried, fx);
    return fx.build();
  }

  /**
   * The launched task's run was lost: back to the unlaunched tasks if the retry policy allows
   * (never to the same node monitor), else it ends.
   *
   * @return whether it will run again (the caller then re-places reservations)
   */
  boolean lose(int idx, String reason, Effects.Builder fx) {
    String where = table.launchedOn(idx);
    JobNode n = ledger.get(where);
    if (n != null) {
      n.running.remove(idx);
    }
    int attempt = table.attempt(idx);
    if (!spec.retry().retries(attempt, spec.isBackendTask(idx), true)) {
      ending.fail(idx, TaskState.LOST, reason, fx);
      return false;
    }
    table.retry(idx, new TaskAttempt(attempt, where, TaskState.LOST, reason));
    binding.returned(idx);
    binding.avoid(idx, where);
    fx.retried.add(new TaskAttempt(attempt, where, TaskState.LOST, reason));
    return true;
  }

  /** Re-places reservations for unlaunched tasks the outstanding ones cannot serve. */
  void replaceIfShort(boolean something, Effects.Builder fx) {
    if (something && ending.running() && table.unlaunchedCount() > 0) {
      fx.replace.addAll(binding.demandsFor(Coverage.shortfall(table, binding, ledger)));
    }
  }

  /** Every task running on the node is lost; what its reservations would have served is re-placed. */
  private Effects loseNode(JobNode n, String reason) {
    Effects.Builder fx = new Effects.Builder();
    boolean retried = false;
    for (int idx : new ArrayList<>(n.running)) {
      if (ending.running()) {
        retried |= lose(idx, reason, fx);
      }
    }
    boolean held = n.outstanding > 0;
    n.outstanding = 0;
    replaceIfShort(retried || held, fx);
    return fx.build();
  }
}
