package org.sparrow.am;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The bookkeeping of one role: its target, its outstanding asks, and its containers. Counting
 * asks and containers together is what keeps the AM from over- or under-asking: the deficit is
 * {@code target - active - pendingAsks}.
 */
final class RoleBook {

  final Role role;
  int target;
  ContainerShape shape;
  int pendingAsks;
  /** Launching or running, in grant order (the newest are released first on a resize down). */
  final LinkedHashMap<String, TrackedContainer> active = new LinkedHashMap<>();
  final Map<String, TrackedContainer> releasing = new LinkedHashMap<>();

  RoleBook(Role role, int target, ContainerShape shape) {
    this.role = role;
    this.target = target;
    this.shape = shape;
  }

  boolean isEmpty() {
    return active.isEmpty() && releasing.isEmpty();
  }

  /** Adds asks, withdraws asks, or releases the newest containers until held + asked == target. */
  void reconcile(List<Action> plan, long nowMillis) {
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
      java.util.Collections.reverse(newestFirst);
      for (String id : newestFirst.subList(0, surplus)) {
        release(id, plan, nowMillis);
      }
    }
  }

  void release(String id, List<Action> plan, long nowMillis) {
    TrackedContainer c = active.remove(id);
    if (c != null) {
      releasing.put(id, c.in(ContainerState.RELEASING, nowMillis));
      plan.add(new Action.Release(c.container()));
    }
  }

  RoleStatus status() {
    List<TrackedContainer> all = new ArrayList<>(active.values());
    all.addAll(releasing.values());
    return new RoleStatus(role, target, pendingAsks, shape, all);
  }
}
