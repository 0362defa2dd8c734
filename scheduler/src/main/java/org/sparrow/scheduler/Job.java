package org.sparrow.scheduler;

import org.sparrow.common.TaskState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparrow.common.HostPort;
import org.sparrow.scheduler.placement.Demand;
import org.sparrow.scheduler.placement.PlacementPolicy;
import org.sparrow.scheduler.placement.ReservationPlan;

/**
 * One accepted job, behind one monitor: a facade over its {@link TaskTable} (where each task
 * stands), {@link ReservationLedger} (what each node monitor holds), {@link LateBinding} (which
 * task a node monitor gets) and {@link Coverage} (what must be re-placed). Every method is
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
  private boolean deadlinePassed;
  /** Rounds of proactive cancellation so far: names the reservation id of new sends. */
  private int cancelEpoch;
  private boolean cancelRequested;
  private JobState state = JobState.RUNNING;
  private String failureReason;

  Job(String requestId, ValidJob spec, HostPort schedulerAddress, long submitNanos) {
    this.requestId = requestId;
    this.spec = spec;
    this.schedulerAddress = schedulerAddress;
    this.submitNanos = submitNanos;
    this.deadlineNanos = spec.deadlineNanos(submitNanos);
    this.table = new TaskTable(spec.request().tasks());
    this.ledger = new ReservationLedger(table.size());
    this.binding = new LateBinding(table, spec.requirements());
  }

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
    return state == JobState.RUNNING;
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
    if (state != JobState.RUNNING) {
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
        String reservationId = RequestIds.alias(requestId, cancelEpoch);
        n.reservationIds.add(reservationId);
        fx.sends.add(new Effects.Send(n.info,
            new Reservation(reservationId, app(), spec.request().user(), unbound + bound.size(), bound)));
      }
    }
    if (table.unlaunchedCount() == 0) {
      // Not the nodes of this plan: a cancel overtaking their enqueue would cancel bound tasks.
      cancelLeftovers(fx, boundByNode.keySet());
    }
    return fx.build();
  }

  /** getTasks: up to {@code max} unlaunched tasks feasible for the node monitor. */
  synchronized Effects handout(String nodeId, int max, long nowNanos) {
    JobNode n = ledger.get(nodeId);
    if (state != JobState.RUNNING || n == null) {
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
          cancelEpoch++;
        }
      }
    }
    fx.batch = new TaskBatch(List.copyOf(out), exhausted);
    if (table.unlaunchedCount() == 0) {
      cancelLeftovers(fx, Set.of());
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
      if (idx == null || !table.isLaunched(idx) || state != JobState.RUNNING) {
        continue;
      }
      String where = table.launchedOn(idx);
      if (table.isStale(idx, r.attempt(), r.nodeMonitorId())) {
        continue;
      }
      TaskState s = r.state() == null ? TaskState.FAILED : r.state();
      if (s == TaskState.LOST) {
        retried |= lose(idx, r.output() == null ? "lost on its node monitor" : r.output(), fx);
        continue;
      }
      JobNode n = ledger.get(where);
      if (n != null) {
        n.running.remove(idx);
      }
      record(idx, new TaskResult(fullId(idx), s, r.exitCode(), r.runMicros(),
          r.nodeMonitorId().isEmpty() ? where : r.nodeMonitorId(), r.output(),
          r.queuedMicros(), table.attempt(idx), table.earlierAttempts(idx)), fx);
    }
    replaceIfShort(retried, fx);
    return fx.build();
  }

  /** The node monitor left: its launched tasks are lost (retried or LOST), its reservations re-placed. */
  synchronized Effects nodeLeft(String nodeId) {
    JobNode n = ledger.remove(nodeId);
    if (n == null || state != JobState.RUNNING) {
      return Effects.NONE;
    }
    binding.clearHints(nodeId);
    return loseNode(n, "node monitor " + nodeId + " left the cluster");
  }

  /**
   * The node monitor is suspect (refuses connections, or fails call after call): like a
   * departure, but it stays in the ledger, so if it answers again its late getTasks still work.
   */
  synchronized Effects nodeSuspect(String nodeId) {
    JobNode n = ledger.get(nodeId);
    if (n == null || state != JobState.RUNNING) {
      return Effects.NONE;
    }
    binding.clearHints(nodeId);
    return loseNode(n, "node monitor " + nodeId + " stopped answering");
  }

  /**
   * Membership shows the incarnation {@code aliveBootId} under the node monitor's id: if this job's
   * work there was placed on another incarnation, that process is gone (it was restarted on the
   * same address) and its tasks are lost; if on this one, the work is alive and nothing changes.
   * Unknown boot ids ("") cannot be told apart: then the work counts as alive.
   */
  synchronized Effects incarnationSeen(String nodeId, String aliveBootId) {
    JobNode n = ledger.get(nodeId);
    if (n == null || n.info.bootId().isEmpty() || aliveBootId.isEmpty() || n.info.bootId().equals(aliveBootId)) {
      return Effects.NONE;
    }
    return nodeLeft(nodeId);
  }

  /** Whether a request or report from incarnation {@code bootId} of the node is for this job's work there. */
  synchronized boolean fromHolder(String nodeId, String bootId) {
    JobNode n = ledger.get(nodeId);
    return n == null || org.sparrow.common.BootIds.matches(bootId, n.info.bootId());
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
    JobNode n = ledger.get(nodeId);
    if (n == null || state != JobState.RUNNING || n.outstanding == 0) {
      return Effects.NONE;
    }
    n.outstanding = 0;
    binding.clearHints(nodeId);
    Effects.Builder fx = new Effects.Builder();
    replaceIfShort(true, fx);
    return fx.build();
  }

  /**
   * Reservations did not reach a node monitor (or it refused some): take back tasks bound there
   * and re-place as many reservations elsewhere, never on that node again.
   *
   * @param unbound slots lost that were not bound to tasks
   */
  synchronized Effects enqueueFailed(String nodeId, int unbound, List<String> boundTaskIds) {
    ledger.exclude(nodeId);
    JobNode n = ledger.get(nodeId);
    if (n == null || state != JobState.RUNNING) {
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

  /** Fails the named tasks that are still unlaunched (nowhere left to place them). */
  synchronized Effects failUnlaunched(Collection<String> taskIds, String reason) {
    Effects.Builder fx = new Effects.Builder();
    for (String taskId : taskIds) {
      Integer idx = table.index(taskId);
      if (idx != null && table.isUnlaunched(idx) && state == JobState.RUNNING) {
        fail(idx, TaskState.FAILED, reason, fx);
      }
    }
    return fx.build();
  }

  /** The deadline passed: every unfinished task is TIMED_OUT and the job FAILED. */
  synchronized Effects timeOut() {
    if (state != JobState.RUNNING) {
      return Effects.NONE;
    }
    Effects.Builder fx = new Effects.Builder();
    deadlinePassed = true;
    String reason = "the job's deadline of " + spec.timeoutMs() + " ms passed";
    for (int idx = 0; idx < table.size() && state == JobState.RUNNING; idx++) {
      if (!table.isFinished(idx)) {
        fail(idx, TaskState.TIMED_OUT, reason, fx);
      }
    }
    return fx.build();
  }

  /**
   * A user cancelled the job: every unfinished task ends CANCELLED (the unlaunched ones with their
   * reservations cancelled), the job ends CANCELLED, and the caller is told which running tasks
   * to ask their node monitors to stop. Nothing happens to a job that has already ended.
   */
  synchronized JobCancellation cancel() {
    if (state != JobState.RUNNING) {
      return JobCancellation.ended(state);
    }
    cancelRequested = true;
    Map<String, JobCancellation.Stop> stops = new java.util.LinkedHashMap<>();
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
            .tasks().add(fullId(idx));
      }
      fail(idx, TaskState.CANCELLED, "cancelled while running on " + where, fx);
    }
    failureReason = "cancelled: " + (unlaunched + running) + " of " + table.size() + " tasks had not finished ("
        + unlaunched + " not launched, " + running + " running)";
    return new JobCancellation(fx.build(), List.copyOf(stops.values()), unlaunched, running, state);
  }

  synchronized JobStatus status() {
    return new JobStatus(requestId, state, table.size(), table.launchedEver(), table.finishedCount(),
        table.failedCount(), failureReason, table.results());
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

  private void fail(int idx, TaskState s, String reason, Effects.Builder fx) {
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
    record(idx, TaskResult.failure(fullId(idx), end, where, text).withAttempts(table.attempt(idx), earlier), fx);
  }

  /**
   * The launched task's run was lost: back to the unlaunched tasks if the retry policy allows
   * (never to the same node monitor), else it ends.
   *
   * @return whether it will run again (the caller then re-places reservations)
   */
  private boolean lose(int idx, String reason, Effects.Builder fx) {
    String where = table.launchedOn(idx);
    JobNode n = ledger.get(where);
    if (n != null) {
      n.running.remove(idx);
    }
    int attempt = table.attempt(idx);
    if (!spec.retry().retries(attempt, spec.isBackendTask(idx), true)) {
      fail(idx, TaskState.LOST, reason, fx);
      return false;
    }
    table.retry(idx, new TaskAttempt(attempt, where, TaskState.LOST, reason));
    binding.returned(idx);
    binding.avoid(idx, where);
    fx.retried.add(new TaskAttempt(attempt, where, TaskState.LOST, reason));
    return true;
  }

  /** Every task running on the node is lost; what its reservations would have served is re-placed. */
  private Effects loseNode(JobNode n, String reason) {
    Effects.Builder fx = new Effects.Builder();
    boolean retried = false;
    for (int idx : new ArrayList<>(n.running)) {
      if (state == JobState.RUNNING) {
        retried |= lose(idx, reason, fx);
      }
    }
    boolean held = n.outstanding > 0;
    n.outstanding = 0;
    replaceIfShort(retried || held, fx);
    return fx.build();
  }

  /** Re-places reservations for unlaunched tasks the outstanding ones cannot serve. */
  private void replaceIfShort(boolean something, Effects.Builder fx) {
    if (something && state == JobState.RUNNING && table.unlaunchedCount() > 0) {
      fx.replace.addAll(binding.demandsFor(Coverage.shortfall(table, binding, ledger)));
    }
  }

  private void record(int idx, TaskResult r, Effects.Builder fx) {
    table.finish(idx, r);
    fx.finished.add(r);
    if (table.allFinished()) {
      end(fx);
    } else if (table.unlaunchedCount() == 0) {
      cancelLeftovers(fx, Set.of());
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

  /** Proactive cancellation: every node that may still hold a reservation of this job. */
  private void cancelLeftovers(Effects.Builder fx, Set<String> except) {
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
}
