package org.sparrow.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntConsumer;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.placement.Demand;
import org.sparrow.scheduler.placement.NodeRequirement;

/**
 * Which unlaunched task a node monitor asking for work gets: first the per-task-sampled tasks it
 * was chosen for (its hints), then tasks of the tightest requirement it satisfies. Keeps the
 * requirement queues in step with the {@link TaskTable} through {@link #launched},
 * {@link #returned} and {@link #dropped}. Guarded by the job's lock.
 */
final class LateBinding {

  private final TaskTable table;
  private final List<NodeRequirement> requirements;
  /** Queue of each batch-sampled task; null for per-task-sampled ones. */
  private final TaskQueue[] queueOf;
  /** Tightest requirement first. */
  private final List<TaskQueue> queues;
  private final List<Integer> perTaskTasks = new ArrayList<>();
  /** Per-task-sampled task -> nodes that got a reservation on its behalf. */
  private final Map<Integer, Set<String>> sampledOn = new HashMap<>();
  /** Per node: per-task-sampled tasks it was chosen for, handed to it first. */
  private final Map<String, ArrayDeque<Integer>> hints = new HashMap<>();
  /** Retried task -> the node monitor its last run was lost on, which must not get it again. */
  private final Map<Integer, String> avoid = new HashMap<>();

  LateBinding(TaskTable table, List<NodeRequirement> requirements) {
    this.table = table;
    this.requirements = requirements;
    int n = table.size();
    this.queueOf = new TaskQueue[n];
    Map<NodeRequirement, TaskQueue> byRequirement = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      if (table.task(i).hasPerTaskConstraints()) {
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
  }

  /** The node got a reservation on behalf of this per-task-sampled task. */
  void hint(String nodeId, int idx) {
    hints.computeIfAbsent(nodeId, k -> new ArrayDeque<>(2)).add(idx);
    sampledOn.computeIfAbsent(idx, k -> new HashSet<>()).add(nodeId);
  }

  void clearHints(String nodeId) {
    hints.remove(nodeId);
  }

  /**
   * Picks up to {@code max} unlaunched tasks feasible for the node, passing each to
   * {@code launch} at once (which must call {@link #launched}), so the next pick sees it gone.
   */
  int handOut(NodeMonitorInfo node, int max, IntConsumer launch) {
    int out = 0;
    ArrayDeque<Integer> mine = hints.get(node.id());
    while (out < max && mine != null && !mine.isEmpty()) {
      int idx = mine.poll();
      if (table.isUnlaunched(idx) && !avoids(idx, node)) {
        launch.accept(idx);
        out++;
      }
    }
    for (TaskQueue q : queues) {
      if (out >= max) {
        break;
      }
      if (q.remaining > 0 && q.requirement.admits(node)) {
        ArrayDeque<Integer> skipped = null;
        while (out < max && q.remaining > 0 && !q.tasks.isEmpty()) {
          int idx = q.tasks.poll();
          if (!table.isUnlaunched(idx)) {
            continue;
          }
          if (avoids(idx, node)) {
            (skipped == null ? skipped = new ArrayDeque<>(2) : skipped).push(idx);
            if (skipped.size() >= q.remaining) {
              break;  // only tasks this node must not run are left
            }
            continue;
          }
          launch.accept(idx);
          out++;
        }
        while (skipped != null && !skipped.isEmpty()) {
          q.tasks.addFirst(skipped.pop());
        }
      }
    }
    return out;
  }

  /** A retried task must not go back to the node monitor its last run was lost on. */
  void avoid(int idx, String nodeId) {
    avoid.put(idx, nodeId);
  }

  private boolean avoids(int idx, NodeMonitorInfo node) {
    return !avoid.isEmpty() && node.id().equals(avoid.get(idx));
  }

  /** Whether any unlaunched task could still go to the node. */
  boolean feasibleLeft(NodeMonitorInfo node) {
    ArrayDeque<Integer> mine = hints.get(node.id());
    while (mine != null && !mine.isEmpty() && (!table.isUnlaunched(mine.peek()) || avoids(mine.peek(), node))) {
      mine.poll();
    }
    if (mine != null && !mine.isEmpty()) {
      return true;
    }
    for (TaskQueue q : queues) {
      if (q.remaining > 0 && q.requirement.admits(node) && (avoid.isEmpty() || hasTaskFor(q, node))) {
        return true;
      }
    }
    return false;
  }

  private boolean hasTaskFor(TaskQueue q, NodeMonitorInfo node) {
    for (int idx : q.tasks) {
      if (table.isUnlaunched(idx) && !avoids(idx, node)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds to {@code into} unlaunched tasks the node could have served (its hints, then its
   * requirement queues) until it holds {@code want}.
   */
  void servableBy(NodeMonitorInfo node, int want, Set<Integer> into) {
    for (int idx : hints.getOrDefault(node.id(), new ArrayDeque<>(0))) {
      if (into.size() >= want) {
        return;
      }
      if (table.isUnlaunched(idx)) {
        into.add(idx);
      }
    }
    for (TaskQueue q : queues) {
      if (into.size() >= want || q.remaining == 0 || !q.requirement.admits(node)) {
        continue;
      }
      for (int idx : q.tasks) {
        if (into.size() >= want) {
          break;
        }
        if (table.isUnlaunched(idx)) {
          into.add(idx);
        }
      }
    }
  }

  void launched(int idx) {
    if (queueOf[idx] != null) {
      queueOf[idx].remaining--;
    }
  }

  /**
   * A launched task is unlaunched again: first in its queue, or, sampled per task, a hint again on
   * each node it was sampled on (its hints were used up when it launched, and per-task-sampled
   * tasks are handed out only as hints: without them no node could ever take it again).
   */
  void returned(int idx) {
    if (queueOf[idx] != null) {
      queueOf[idx].tasks.addFirst(idx);
      queueOf[idx].remaining++;
      return;
    }
    for (String nodeId : sampledOn(idx)) {
      ArrayDeque<Integer> mine = hints.computeIfAbsent(nodeId, k -> new ArrayDeque<>(2));
      if (!mine.contains(idx)) {
        mine.addFirst(idx);
      }
    }
  }

  /**
   * Whether the node would hand out this per-task-sampled task: it is among the node's hints and
   * its last run was not lost there. What {@link Coverage} counts must be what {@link #handOut}
   * does, or a task counted as covered is never handed out.
   */
  boolean hinted(String nodeId, int idx) {
    ArrayDeque<Integer> mine = hints.get(nodeId);
    return mine != null && mine.contains(idx) && (avoid.isEmpty() || !nodeId.equals(avoid.get(idx)));
  }

  /** An unlaunched task finished without launching (failed, timed out). */
  void dropped(int idx) {
    if (queueOf[idx] != null) {
      queueOf[idx].remaining--;
    }
  }

  List<Integer> perTaskTasks() {
    return perTaskTasks;
  }

  Set<String> sampledOn(int idx) {
    return sampledOn.getOrDefault(idx, Set.of());
  }

  List<TaskQueue> queues() {
    return queues;
  }

  /** Groups tasks by requirement into what placement takes. */
  List<Demand> demandsFor(Collection<Integer> idxs) {
    Map<NodeRequirement, List<String>> batch = new LinkedHashMap<>();
    Map<NodeRequirement, List<String>> perTask = new LinkedHashMap<>();
    for (int idx : idxs) {
      Map<NodeRequirement, List<String>> into = queueOf[idx] != null ? batch : perTask;
      into.computeIfAbsent(requirements.get(idx), k -> new ArrayList<>()).add(table.task(idx).taskId());
    }
    List<Demand> out = new ArrayList<>(batch.size() + perTask.size());
    batch.forEach((req, ids) -> out.add(new Demand(ids, req, false)));
    perTask.forEach((req, ids) -> out.add(new Demand(ids, req, true)));
    return out;
  }
}
