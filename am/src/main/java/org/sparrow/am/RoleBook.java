package org.sparrow.am;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of one role: its target, its outstanding asks, and its containers. Counting
 * asks and containers together is what keeps the AM from over- or under-asking: the deficit is
 * {@code target - active - pendingAsks}. Draining and releasing containers no longer count: a
 * pre-empted container's replacement is asked for while it drains.
 */
final class RoleBook {

  final Role role;
  int target;
  ContainerShape shape;
  int pendingAsks;
  /** Launching or running, in grant order (the newest are drained first on a resize down). */
  final LinkedHashMap<String, TrackedContainer> active = new LinkedHashMap<>();
  final Map<String, TrackedContainer> draining = new LinkedHashMap<>();
  final Map<String, TrackedContainer> releasing = new LinkedHashMap<>();

  RoleBook(Role role, int target, ContainerShape shape) {
    this.role = role;
    this.target = target;
    this.shape = shape;
  }

  boolean isEmpty() {
    return active.isEmpty() && draining.isEmpty() && releasing.isEmpty();
  }

  /** Whether some container of this role still runs a daemon that may do work. */
  boolean hasWorkingDaemons() {
    return !active.isEmpty() || !draining.isEmpty();
  }

  /**
   * Adds asks, withdraws asks, or drains (releases) the newest containers until
   * held + asked == target.
   */
  void reconcile(List<Action> plan, long nowMillis, long drainTimeoutMs) {
    int have = active.size() + pendingAsks;
    for (; have < target; have++) {
      pendingAsks++;
      plan.add(new Action.Ask(role, shape));
    }
    int surplus = have - target;
    for (; surplus > 0 && pendingAsks > 0; surplus--) {
      pendingAsks--;
      plan.add(new Action.WithdrawAsk(role));
    }
    if (surplus > 0) {
      List<String> newestFirst = new ArrayList<>(active.keySet());
      Collections.reverse(newestFirst);
      for (String id : newestFirst.subList(0, surplus)) {
        retire(id, plan, nowMillis, drainTimeoutMs);
      }
    }
  }

  /**
   * Takes a container out of service: a running daemon is asked to drain first (when drains
   * are on), anything else is released at once (a launching daemon has no work yet).
   */
  void retire(String id, List<Action> plan, long nowMillis, long drainTimeoutMs) {
    TrackedContainer c = active.get(id);
    if (c == null) {
      return;
    }
    if (drainTimeoutMs > 0 && c.state() == ContainerState.RUNNING) {
      active.remove(id);
      draining.put(id, c.in(ContainerState.DRAINING, nowMillis));
      plan.add(new Action.Drain(c.container(), drainTimeoutMs));
    } else {
      release(id, plan, nowMillis);
    }
  }

  void release(String id, List<Action> plan, long nowMillis) {
    TrackedContainer c = active.remove(id);
    if (c == null) {
      c = draining.remove(id);
      if (c != null) {
        plan.add(new Action.Release(c.container()));
        plan.add(new Action.EndDrain(c.container()));
        releasing.put(id, c.in(ContainerState.RELEASING, nowMillis));
      }
      return;
    }
    releasing.put(id, c.in(ContainerState.RELEASING, nowMillis));
    plan.add(new Action.Release(c.container()));
  }

  RoleStatus status() {
    List<TrackedContainer> all = new ArrayList<>(active.values());
    all.addAll(draining.values());
    all.addAll(releasing.values());
    return new RoleStatus(role, target, pendingAsks, shape, all);
  }
}
