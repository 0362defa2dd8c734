package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparrow.common.HostPort;
import org.sparrow.common.TaskState;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.job.HandedOut;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.scheduler.job.TaskResult;
import org.sparrow.scheduler.placement.Demand;
import org.sparrow.scheduler.placement.PlacementPolicy;
import org.sparrow.scheduler.placement.ReservationPlan;

/**
 * One accepted job, behind one monitor: a facade over its {@link TaskTable} (where each task
 * stands), {@link ReservationLedger} (what each node monitor holds), {@link LateBinding} (which
 * task a node monitor gets), {@link Coverage} (what must be re-placed), {@link TaskLosses} (what a
 * lost run or node monitor costs it) and {@link JobEnding} (how tasks and the job end). Every method is
 * synchronized, only changes state and returns the consequences as immutable {@link Effects};
 * it never does I/O.
 */
final class Job {

  final String requestId;
  final ValidJob spec;
  final long submitNanos;
  final long deadlineNanos;
  private final HostPort schedulerAddress;
  private final TaskTable table;
  private final ReservationLedger ledger;
  private final LateBinding binding;
  private final JobEnding ending;
  private final TaskLosses losses;

  Job(String requestId, ValidJob spec, HostPort schedulerAddress, long submitNanos) {
    this.requestId = requestId;
    this.spec = spec;
    this.schedulerAddress = schedulerAddress;
    this.submitNanos = submitNanos;
    this.deadlineNanos = spec.deadlineNanos(submitNanos);
    this.table = new TaskTable(spec.request().tasks());
    this.ledger = new ReservationLedger(table.size());
    this.binding = new LateBinding(table, spec.requirements());
    this.ending = new JobEnding(spec, table, ledger, binding, this::fullId);
    this.losses = new TaskLosses(spec, table, ledger, binding, ending);
  }

  /** Given up for its client's lease: its results are not sent to the frontend. */
  volatile boolean givenUp;

  /** The membership snapshot the latest placement chose from (identity only; see LiveNodes). */
  volatile Object placementSnapshot;

  String app() {
    return spec.request().app();
  }

  PlacementPolicy policy() {
    return spec.policy();
  }

  int totalTasks() {
    return table.size();
  }

  synchronized boolean isRunning() {
    return ending.running();
  }

  synchronized Set<String> excluded() {
    return ledger.excluded();
  }

  synchronized boolean involves(String nodeId) {
    return ledger.involves(nodeId);
  }

  /** Every node monitor this job ever placed reservations on. */
  synchronized Set<String> nodeIds() {
    return ledger.everHeld();
  }

  /** What the first placement must cover: every task, grouped by requirement. */
  synchronized List<Demand> initialDemands() {
    List<Integer> all = new ArrayList<>(table.size());
    for (int i = 0; i < table.size(); i++) {
      all.add(i);
    }
    return binding.demandsFor(all);
  }

  List<String> allTaskIds() {
    return spec.request().tasks().stream().map(TaskRequest::taskId).toList();
  }

  /** Records a placement plan and turns it into per-node reservations to send. */
  synchronized Effects apply(ReservationPlan plan, long nowNanos) {
    return apply(plan, nowNanos, false);
  }

  /** @param forRetry the plan re-places tasks whose run was lost: its reservations say so */
  synchronized Effects apply(ReservationPlan plan, long nowNanos, boolean forRetry) {
    if (!ending.running()) {
      return Effects.NONE;
    }
    Effects.Builder fx = new Effects.Builder();
    Map<String, List<TaskLaunch>> boundByNode = new HashMap<>();
    for (ReservationPlan.Entry e : plan.entries()) {
      for (String taskId : e.bound()) {
        Integer idx = table.index(taskId);
        if (idx != null && table.isUnlaunched(idx)) {
          boundByNode.computeIfAbsent(e.node().id(), k -> new ArrayList<>())
              .add(launch(idx, ledger.node(e.node()), nowNanos, fx));
        }
      }
    }
    for (ReservationPlan.Entry e : plan.entries()) {
      JobNode n = ledger.node(e.node());
      // Bound tasks may have launched the last unlaunched ones: then slots for late binding are useless.
      int unbound = table.unlaunchedCount() > 0 ? e.count() - e.bound().size() : 0;
      ledger.reserve(n, unbound);
      for (String taskId : e.sampledFor()) {
        Integer idx = table.index(taskId);
        if (idx != null && table.isUnlaunched(idx)) {
          binding.hint(n.info.id(), idx);
        }
      }
      List<TaskLaunch> bound = boundByNode.getOrDefault(n.info.id(), List.of());
      if (unbound + bound.size() > 0) {
        String reservationId = RequestIds.alias(requestId, ending.cancelEpoch());
        n.reservationIds.add(reservationId);
        fx.sends.add(new Effects.Send(n.info,
            new Reservation(reservationId, app(), spec.request().user(), unbound + bound.size(), bound,
                forRetry)));
      }
    }
    if (table.unlaunchedCount() == 0) {
      // Not the nodes of this plan: a cancel overtaking their enqueue would cancel bound tasks.
      ending.cancelLeftovers(fx, boundByNode.keySet());
    }
    return fx.build();
  }

  /** getTasks: up to {@code max} unlaunched tasks feasible for the node monitor. */
  synchronized Effects handout(String nodeId, int max, long nowNanos) {
    JobNode n = ledger.get(nodeId);
    if (!ending.running() || n == null) {
      return Effects.NONE;
    }
    Effects.Builder fx = new Effects.Builder();
    List<TaskLaunch> out = new ArrayList<>(Math.min(Math.max(max, 0), 64));
    binding.handOut(n.info, max, idx -> out.add(launch(idx, n, nowNanos, fx)));
    ledger.release(n, out.size());
    // A node monitor drops every reservation it holds under the id it asked with when the answer
    // is exhausted or empty, so an empty answer is an exhausted one here too.
    boolean exhausted = out.isEmpty() || !binding.feasibleLeft(n.info);
    if (exhausted && n.outstanding > 0) {
      n.outstanding = 0;
      if (table.unlaunchedCount() > 0) {
        // Only in jobs mixing requirements: the dropped slots may have been some task's only ones.
        fx.replace.addAll(binding.demandsFor(Coverage.shortfall(table, binding, ledger)));
        if (!fx.replace.isEmpty()) {
          // The re-placement may pick this very node, and its enqueue may reach it before this
          // answer makes it drop what it holds under this id: send it under a new id.
          ending.newEpoch();
        }
      }
    }
    fx.batch = new TaskBatch(List.copyOf(out), exhausted);
    if (table.unlaunchedCount() == 0) {
      ending.cancelLeftovers(fx, Set.of());
    }
    return fx.build();
  }

  /**
   * Completion reports from node monitors; duplicates, unknown tasks and reports of an earlier
   * run (another node monitor, or another attempt number) are ignored. A LOST report (its
   * backend failed) retries the task if the job's retry policy allows.
   */
  synchronized Effects finished(Collection<TaskResult> reports) {
    Effects.Builder fx = new Effects.Builder();
    boolean retried = false;
    for (TaskResult r : reports) {
      Integer idx = table.index(r.id().taskId());
      if (idx == null || !table.isLaunched(idx) || !ending.running()) {
        continue;
      }
      String where = table.launchedOn(idx);
      if (table.isStale(idx, r.attempt(), r.nodeMonitorId())) {
        continue;
      }
      TaskState s = r.state() == null ? TaskState.FAILED : r.state();
      if (s == TaskState.LOST) {
        retried |= losses.lose(idx, r.output() == null ? "lost on its node monitor" : r.output(), fx);
        continue;
      }
      JobNode n = ledger.get(where);
      if (n != null) {
        n.running.remove(idx);
      }
      ending.record(idx, new TaskResult(fullId(idx), s, r.exitCode(), r.runMicros(),
          r.nodeMonitorId().isEmpty() ? where : r.nodeMonitorId(), r.output(),
          r.queuedMicros(), table.attempt(idx), table.earlierAttempts(idx)), fx);
    }
    losses.replaceIfShort(retried, fx);
    return fx.build();
  }

  /** The node monitor left: its launched tasks are lost (retried or LOST), its reservations re-placed. */
  synchronized Effects nodeLeft(String nodeId) {
    return losses.nodeLeft(nodeId);
  }

  /**
   * The node monitor is suspect (refuses connections, or fails call after call): like a
   * departure, but it stays in the ledger, so if it answers again its late getTasks still work.
   */
  synchronized Effects nodeSuspect(String nodeId) {
    return losses.nodeSuspect(nodeId);
  }

  /**
   * Membership shows the incarnation {@code aliveBootId} under the node monitor's id: if this job's
   * work there was placed on another incarnation, that process is gone (it was restarted on the
   * same address) and its tasks are lost; if on this one, the work is alive and nothing changes.
   * Unknown boot ids ("") cannot be told apart: then the work counts as alive.
   */
  synchronized Effects incarnationSeen(String nodeId, String aliveBootId) {
    return losses.incarnationSeen(nodeId, aliveBootId);
  }

  /** Whether a request or report from incarnation {@code bootId} of the node is for this job's work there. */
  synchronized boolean fromHolder(String nodeId, String bootId) {
    return losses.fromHolder(nodeId, bootId);
  }

  /** The node monitor dropped this job's reservations unrun (it drains): place them elsewhere. */
  synchronized Effects reservationsReturned(String nodeId) {
    ledger.exclude(nodeId);
    return reservationsElsewhere(nodeId);
  }

  /**
   * The node monitor left the membership but its process still answers: its running tasks go
   * on, but what its reservations would serve is placed elsewhere as well (late binding runs
   * each task once; the spare reservations are cancelled).
   */
  synchronized Effects reservationsElsewhere(String nodeId) {
    return losses.reservationsElsewhere(nodeId);
  }

  /**
   * Reservations did not reach a node monitor (or it refused some): take back tasks bound there
   * and re-place as many reservations elsewhere, never on that node again.
   *
   * @param unbound slots lost that were not bound to tasks
   */
  synchronized Effects enqueueFailed(String nodeId, int unbound, List<String> boundTaskIds) {
    return losses.enqueueFailed(nodeId, unbound, boundTaskIds);
  }

  /**
   * A getTasks answer that handed these tasks to the node monitor never reached it (it asked
   * again with the same fetch id, and the answer was no longer kept): the runs it handed out are
   * lost, retried or ended as the retry policy says, instead of staying LAUNCHED until the deadline.
   */
  synchronized Effects answerLost(String nodeId, List<HandedOut> tasks) {
    return losses.answerLost(nodeId, tasks);
  }

  /** Fails the named tasks that are still unlaunched (nowhere left to place them). */
  synchronized Effects failUnlaunched(Collection<String> taskIds, String reason) {
    Effects.Builder fx = new Effects.Builder();
    for (String taskId : taskIds) {
      Integer idx = table.index(taskId);
      if (idx != null && table.isUnlaunched(idx) && ending.running()) {
        ending.fail(idx, TaskState.FAILED, reason, fx);
      }
    }
    return fx.build();
  }

  /** The deadline passed: every unfinished task is TIMED_OUT and the job FAILED. */
  synchronized Effects timeOut() {
    Effects.Builder fx = new Effects.Builder();
    ending.timeOut(fx);
    return fx.build();
  }

  /**
   * A user cancelled the job: every unfinished task ends CANCELLED (the unlaunched ones with their
   * reservations cancelled), the job ends CANCELLED, and the caller is told which running tasks
   * to ask their node monitors to stop. Nothing happens to a job that has already ended.
   */
  synchronized JobCancellation cancel() {
    return ending.cancel();
  }

  synchronized JobStatus status() {
    return ending.status(requestId);
  }

  FullTaskId fullId(int idx) {
    return new FullTaskId(table.task(idx).taskId(), requestId, app(), schedulerAddress);
  }

  // ---- internals (caller holds the lock) ----------------------------------------------------

  private TaskLaunch launch(int idx, JobNode n, long nowNanos, Effects.Builder fx) {
    table.launch(idx, n.info.id());
    binding.launched(idx);
    n.running.add(idx);
    fx.launchDelays.add(nowNanos - submitNanos);
    TaskRequest t = table.task(idx);
    return new TaskLaunch(fullId(idx), spec.request().user(), t.message(), t.kind(), table.attempt(idx));
  }
}
