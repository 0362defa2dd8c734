package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.placement.Demand;
import org.sparrow.scheduler.placement.NodeRequirement;
import org.sparrow.scheduler.placement.PlacementPolicy;
import org.sparrow.scheduler.placement.ReservationPlan;

/**
 * The state of one accepted job: which tasks are unlaunched, launched (where) or finished, and
 * which node monitors hold how many of its reservations. Every method is synchronized and only
 * changes state and reports the consequences as {@link Effects}; it never does I/O.
 *
 * <p>Late binding: a node monitor holding a reservation asks for tasks; it gets first the
 * per-task-sampled tasks it was chosen for, then tasks of the tightest requirement it satisfies.
 * Reservations are counted per node so that lost ones (failed enqueue, departed node monitor,
 * "exhausted" answers) can be checked against the unlaunched tasks and re-placed if short.
 */
final class Job {

  private static final byte UNLAUNCHED = 0;
  private static final byte LAUNCHED = 1;
  private static final byte FINISHED = 2;

  final String requestId;
  final ValidJob spec;
  final long submitNanos;
  final long deadlineNanos;
  private final HostPort schedulerAddress;
  private final List<TaskRequest> tasks;
  private final Map<String, Integer> indexOf;
  private final List<NodeRequirement> requirements;
  private final byte[] phase;
  private final String[] launchedOn;
  private final List<TaskResult> results = new ArrayList<>();
  /** Queue of each batch-sampled task; null for per-task-sampled ones. */
  private final TaskQueue[] queueOf;
  /** Tightest requirement first. */
  private final List<TaskQueue> queues;
  private final List<Integer> perTaskTasks = new ArrayList<>();
  /** Per-task-sampled task -> nodes that got a reservation on its behalf. */
  private final Map<Integer, Set<String>> sampledOn = new HashMap<>();
  private final Map<String, JobNode> nodes;
  /** Node monitors that refused or could not take this job's reservations. */
  private final Set<String> excluded = new HashSet<>();
  private int unlaunched;
  /** False once no node holds an outstanding reservation (they only grow in apply). */
  private boolean mayHoldReservations;
  private int launchedEver;
  private int finished;
  private int failed;
  private boolean deadlinePassed;
  private JobState state = JobState.RUNNING;
  private String failureReason;

  Job(String requestId, ValidJob spec, HostPort schedulerAddress, long submitNanos) {
    this.requestId = requestId;
    this.spec = spec;
    this.schedulerAddress = schedulerAddress;
    this.submitNanos = submitNanos;
    this.deadlineNanos = submitNanos + spec.timeoutMs() * 1_000_000L;
    this.tasks = spec.request().tasks();
    this.requirements = spec.requirements();
    int n = tasks.size();
    this.phase = new byte[n];
    this.launchedOn = new String[n];
    this.queueOf = new TaskQueue[n];
    this.indexOf = new HashMap<>(n * 2);
    this.nodes = new LinkedHashMap<>(Math.max(16, (int) Math.min(4L * n, 1 << 16)));
    Map<NodeRequirement, TaskQueue> byRequirement = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      indexOf.put(tasks.get(i).taskId(), i);
      if (tasks.get(i).hasPerTaskConstraints()) {
        perTaskTasks.add(i);
      } else {
        TaskQueue q = byRequirement.computeIfAbsent(requirements.get(i), TaskQueue::new);
        q.tasks.add(i);
        q.remaining++;
        queueOf[i] = q;
      }
    }
    List<TaskQueue> ordered = new ArrayList<>(byRequirement.values());
    ordered.sort((a, b) -> Integer.compare(b.tightness(), a.tightness()));
    this.queues = List.copyOf(ordered);
    this.unlaunched = n;
  }

  /** The membership snapshot the latest placement chose from (identity only; see Scheduler). */
  volatile Object placementSnapshot;

  String app() {
    return spec.request().app();
  }

  PlacementPolicy policy() {
    return spec.policy();
  }

  int totalTasks() {
    return tasks.size();
  }

  synchronized boolean isRunning() {
    return state == JobState.RUNNING;
  }

  synchronized Set<String> excluded() {
    return Set.copyOf(excluded);
  }

  synchronized boolean involves(String nodeId) {
    return nodes.containsKey(nodeId);
  }

  /** What the first placement must cover: every task, grouped by requirement. */
  synchronized List<Demand> initialDemands() {
    List<Integer> all = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      all.add(i);
    }
    return demandsFor(all);
  }

  List<String> allTaskIds() {
    return tasks.stream().map(TaskRequest::taskId).toList();
  }

  /** Records a placement plan and turns it into per-node reservations to send. */
  synchronized Effects apply(ReservationPlan plan, long nowNanos) {
    Effects fx = new Effects();
    if (state != JobState.RUNNING) {
      return fx;
    }
    Map<String, List<TaskLaunch>> boundByNode = new HashMap<>();
    for (ReservationPlan.Entry e : plan.entries()) {
      for (String taskId : e.bound()) {
        Integer idx = indexOf.get(taskId);
        if (idx != null && phase[idx] == UNLAUNCHED) {
          boundByNode.computeIfAbsent(e.node().id(), k -> new ArrayList<>())
              .add(launch(idx, node(e.node()), nowNanos, fx));
        }
      }
    }
    for (ReservationPlan.Entry e : plan.entries()) {
      JobNode n = node(e.node());
      // Bound tasks may have launched the last unlaunched ones: then slots for late binding are useless.
      int unbound = unlaunched > 0 ? e.count() - e.bound().size() : 0;
      n.outstanding += unbound;
      mayHoldReservations |= unbound > 0;
      for (String taskId : e.sampledFor()) {
        Integer idx = indexOf.get(taskId);
        if (idx != null && phase[idx] == UNLAUNCHED) {
          n.hints.add(idx);
          sampledOn.computeIfAbsent(idx, k -> new HashSet<>()).add(n.info.id());
        }
      }
      List<TaskLaunch> bound = boundByNode.getOrDefault(n.info.id(), List.of());
      if (unbound + bound.size() > 0) {
        fx.sends.add(new Effects.Send(n.info,
            new Reservation(requestId, app(), spec.request().user(), unbound + bound.size(), bound)));
      }
    }
    if (unlaunched == 0) {
      // Not the nodes of this plan: a cancel overtaking their enqueue would cancel bound tasks.
      cancelLeftovers(fx, boundByNode.keySet());
    }
    return fx;
  }

  /** getTasks: up to {@code max} unlaunched tasks feasible for the node monitor. */
  synchronized Effects handout(String nodeId, int max, long nowNanos) {
    Effects fx = new Effects();
    JobNode n = nodes.get(nodeId);
    if (state != JobState.RUNNING || n == null) {
      return fx;
    }
    List<TaskLaunch> out = new ArrayList<>(Math.min(Math.max(max, 0), 64));
    while (out.size() < max && !n.hints.isEmpty()) {
      int idx = n.hints.poll();
      if (phase[idx] == UNLAUNCHED) {
        out.add(launch(idx, n, nowNanos, fx));
      }
    }
    for (TaskQueue q : queues) {
      if (out.size() >= max) {
        break;
      }
      if (q.remaining > 0 && q.requirement.admits(n.info)) {
        while (out.size() < max && q.remaining > 0 && !q.tasks.isEmpty()) {
          int idx = q.tasks.poll();
          if (phase[idx] == UNLAUNCHED) {
            out.add(launch(idx, n, nowNanos, fx));
          }
        }
      }
    }
    n.outstanding = Math.max(0, n.outstanding - out.size());
    boolean exhausted = !feasibleLeft(n);
    if (exhausted && n.outstanding > 0) {
      n.outstanding = 0;
      if (unlaunched > 0) {
        // Only in jobs mixing requirements: the dropped slots may have been some task's only ones.
        fx.replace.addAll(deficits());
      }
    }
    fx.batch = new TaskBatch(List.copyOf(out), exhausted);
    if (unlaunched == 0) {
      cancelLeftovers(fx, Set.of());
    }
    return fx;
  }

  /** Completion reports from node monitors; duplicates and unknown tasks are ignored. */
  synchronized Effects finished(Collection<TaskResult> reports) {
    Effects fx = new Effects();
    for (TaskResult r : reports) {
      Integer idx = indexOf.get(r.id().taskId());
      if (idx == null || phase[idx] != LAUNCHED) {
        continue;
      }
      JobNode n = nodes.get(launchedOn[idx]);
      if (n != null) {
        n.running.remove(idx);
      }
      TaskState s = r.state() == null ? TaskState.FAILED : r.state();
      record(idx, new TaskResult(fullId(idx), s, r.exitCode(), r.runMicros(),
          r.nodeMonitorId().isEmpty() ? launchedOn[idx] : r.nodeMonitorId(), r.output(), r.queuedMicros()), fx);
    }
    return fx;
  }

  /** The node monitor left: its launched tasks are LOST, its reservations re-placed if needed. */
  synchronized Effects nodeLeft(String nodeId) {
    Effects fx = new Effects();
    JobNode n = nodes.remove(nodeId);
    if (n == null || state != JobState.RUNNING) {
      return fx;
    }
    for (int idx : new ArrayList<>(n.running)) {
      fail(idx, TaskState.LOST, "node monitor " + nodeId + " left the cluster", fx);
    }
    if (state == JobState.RUNNING && unlaunched > 0 && n.outstanding > 0) {
      fx.replace.addAll(deficits());
    }
    return fx;
  }

  /**
   * Reservations did not reach a node monitor (or it refused some): take back tasks bound there
   * and re-place as many reservations elsewhere, never on that node again.
   *
   * @param unbound slots lost that were not bound to tasks
   */
  synchronized Effects enqueueFailed(String nodeId, int unbound, List<String> boundTaskIds) {
    Effects fx = new Effects();
    excluded.add(nodeId);
    JobNode n = nodes.get(nodeId);
    if (n == null || state != JobState.RUNNING) {
      return fx;
    }
    int lost = Math.min(unbound, n.outstanding);
    n.outstanding -= lost;
    Set<Integer> chosen = new LinkedHashSet<>();
    for (String taskId : boundTaskIds) {
      Integer idx = indexOf.get(taskId);
      if (idx != null && phase[idx] == LAUNCHED && nodeId.equals(launchedOn[idx])) {
        unlaunch(idx, n);
        chosen.add(idx);
      }
    }
    int want = chosen.size() + lost;
    for (int idx : n.hints) {
      if (chosen.size() >= want) {
        break;
      }
      if (phase[idx] == UNLAUNCHED) {
        chosen.add(idx);
      }
    }
    for (TaskQueue q : queues) {
      if (chosen.size() >= want || q.remaining == 0 || !q.requirement.admits(n.info)) {
        continue;
      }
      for (int idx : q.tasks) {
        if (chosen.size() >= want) {
          break;
        }
        if (phase[idx] == UNLAUNCHED) {
          chosen.add(idx);
        }
      }
    }
    fx.replace.addAll(demandsFor(chosen));
    return fx;
  }

  /** Fails the named tasks that are still unlaunched (nowhere left to place them). */
  synchronized Effects failUnlaunched(Collection<String> taskIds, String reason) {
    Effects fx = new Effects();
    for (String taskId : taskIds) {
      Integer idx = indexOf.get(taskId);
      if (idx != null && phase[idx] == UNLAUNCHED && state == JobState.RUNNING) {
        fail(idx, TaskState.FAILED, reason, fx);
      }
    }
    return fx;
  }

  /** The deadline passed: every unfinished task is TIMED_OUT and the job FAILED. */
  synchronized Effects timeOut() {
    Effects fx = new Effects();
    if (state != JobState.RUNNING) {
      return fx;
    }
    deadlinePassed = true;
    String reason = "the job's deadline of " + spec.timeoutMs() + " ms passed";
    for (int idx = 0; idx < tasks.size() && state == JobState.RUNNING; idx++) {
      if (phase[idx] != FINISHED) {
        fail(idx, TaskState.TIMED_OUT, reason, fx);
      }
    }
    return fx;
  }

  synchronized JobStatus status() {
    return new JobStatus(requestId, state, tasks.size(), launchedEver, finished, failed, failureReason, results);
  }

  FullTaskId fullId(int idx) {
    return new FullTaskId(tasks.get(idx).taskId(), requestId, app(), schedulerAddress);
  }

  // ---- internals (caller holds the lock) ----------------------------------------------------

  private JobNode node(NodeMonitorInfo info) {
    return nodes.computeIfAbsent(info.id(), k -> new JobNode(info));
  }

  private TaskLaunch launch(int idx, JobNode n, long nowNanos, Effects fx) {
    phase[idx] = LAUNCHED;
    launchedOn[idx] = n.info.id();
    unlaunched--;
    launchedEver++;
    if (queueOf[idx] != null) {
      queueOf[idx].remaining--;
    }
    n.running.add(idx);
    fx.launchDelays.add(nowNanos - submitNanos);
    TaskRequest t = tasks.get(idx);
    return new TaskLaunch(fullId(idx), spec.request().user(), t.message(), t.kind());
  }

  private void unlaunch(int idx, JobNode n) {
    phase[idx] = UNLAUNCHED;
    launchedOn[idx] = null;
    unlaunched++;
    launchedEver--;
    n.running.remove(idx);
    if (queueOf[idx] != null) {
      queueOf[idx].tasks.addFirst(idx);
      queueOf[idx].remaining++;
    }
  }

  private void fail(int idx, TaskState s, String reason, Effects fx) {
    if (phase[idx] == FINISHED) {
      return;
    }
    String where = "";
    if (phase[idx] == UNLAUNCHED) {
      unlaunched--;
      if (queueOf[idx] != null) {
        queueOf[idx].remaining--;
      }
    } else {
      where = launchedOn[idx];
      JobNode n = nodes.get(where);
      if (n != null) {
        n.running.remove(idx);
      }
    }
    record(idx, TaskResult.failure(fullId(idx), s, where, reason), fx);
  }

  private void record(int idx, TaskResult r, Effects fx) {
    phase[idx] = FINISHED;
    results.add(r);
    finished++;
    if (r.state() != TaskState.SUCCEEDED) {
      failed++;
    }
    fx.finished.add(r);
    if (finished == tasks.size()) {
      end(fx);
    } else if (unlaunched == 0) {
      cancelLeftovers(fx, Set.of());
    }
  }

  private void end(Effects fx) {
    state = failed == 0 ? JobState.SUCCEEDED : JobState.FAILED;
    if (state == JobState.FAILED) {
      Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
      for (TaskResult r : results) {
        if (r.state() != TaskState.SUCCEEDED) {
          counts.merge(r.state(), 1, Integer::sum);
        }
      }
      failureReason = (deadlinePassed ? "the job's deadline of " + spec.timeoutMs() + " ms passed; " : "")
          + failed + " of " + tasks.size() + " tasks did not succeed " + counts;
    }
    cancelLeftovers(fx, Set.of());
    fx.ended = state;
  }

  /** Proactive cancellation: every node that may still hold a reservation of this job. */
  private void cancelLeftovers(Effects fx, Set<String> except) {
    if (!mayHoldReservations) {
      // Called on every report once all tasks launched: skip the scan over the job's nodes.
      return;
    }
    boolean kept = false;
    for (JobNode n : nodes.values()) {
      if (n.outstanding > 0) {
        if (except.contains(n.info.id())) {
          kept = true;
        } else {
          n.outstanding = 0;
          n.hints.clear();
          fx.cancels.add(n.info);
        }
      }
    }
    mayHoldReservations = kept;
  }

  private boolean feasibleLeft(JobNode n) {
    while (!n.hints.isEmpty() && phase[n.hints.peek()] != UNLAUNCHED) {
      n.hints.poll();
    }
    if (!n.hints.isEmpty()) {
      return true;
    }
    for (TaskQueue q : queues) {
      if (q.remaining > 0 && q.requirement.admits(n.info)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Unlaunched tasks that the outstanding reservations cannot serve, matched greedily (tightest
   * first). Greedy may report a shortage a perfect matching would not have: that only costs a
   * spare reservation, which its node monitor later drops as exhausted.
   */
  private List<Demand> deficits() {
    Map<String, Integer> capacity = new LinkedHashMap<>();
    nodes.forEach((id, n) -> {
      if (n.outstanding > 0) {
        capacity.put(id, n.outstanding);
      }
    });
    List<Integer> shortOf = new ArrayList<>();
    for (int idx : perTaskTasks) {
      if (phase[idx] != UNLAUNCHED) {
        continue;
      }
      boolean covered = false;
      for (String nodeId : sampledOn.getOrDefault(idx, Set.of())) {
        Integer c = capacity.get(nodeId);
        if (c != null && c > 0) {
          capacity.put(nodeId, c - 1);
          covered = true;
          break;
        }
      }
      if (!covered) {
        shortOf.add(idx);
      }
    }
    for (TaskQueue q : queues) {
      int need = q.remaining;
      for (Iterator<Map.Entry<String, Integer>> it = capacity.entrySet().iterator(); it.hasNext() && need > 0; ) {
        Map.Entry<String, Integer> e = it.next();
        if (e.getValue() > 0 && q.requirement.admits(nodes.get(e.getKey()).info)) {
          int take = Math.min(need, e.getValue());
          need -= take;
          e.setValue(e.getValue() - take);
        }
      }
      for (Iterator<Integer> it = q.tasks.iterator(); it.hasNext() && need > 0; ) {
        int idx = it.next();
        if (phase[idx] == UNLAUNCHED) {
          shortOf.add(idx);
          need--;
        }
      }
    }
    return demandsFor(shortOf);
  }

  /** Groups tasks by requirement into what placement takes. */
  private List<Demand> demandsFor(Collection<Integer> idxs) {
    Map<NodeRequirement, List<String>> batch = new LinkedHashMap<>();
    Map<NodeRequirement, List<String>> perTask = new LinkedHashMap<>();
    for (int idx : idxs) {
      Map<NodeRequirement, List<String>> into = queueOf[idx] != null ? batch : perTask;
      into.computeIfAbsent(requirements.get(idx), k -> new ArrayList<>()).add(tasks.get(idx).taskId());
    }
    List<Demand> out = new ArrayList<>(batch.size() + perTask.size());
    batch.forEach((req, ids) -> out.add(new Demand(ids, req, false)));
    perTask.forEach((req, ids) -> out.add(new Demand(ids, req, true)));
    return out;
  }
}
