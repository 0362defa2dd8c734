package org.sparrow.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.sparrow.common.Membership;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.placement.EligibleNodes;

/**
 * The live node monitors that are not suspect, prepared for filtering and cached per membership
 * snapshot and suspect set (both immutable: a new one means a change). Thread-safe.
 */
final class LiveNodes {

  /** The last membership snapshot and suspect set seen with the prepared view, as one value. */
  private record View(Map<String, NodeMonitorInfo> snapshot, Set<String> suspects, EligibleNodes nodes) {}

  private final Membership<NodeMonitorInfo> membership;
  private final Supplier<Set<String>> suspects;
  private volatile View view = new View(Map.of(), Set.of(), new EligibleNodes(List.of()));

  /** @param suspects node monitors to leave out while any other is eligible (immutable sets) */
  LiveNodes(Membership<NodeMonitorInfo> membership, Supplier<Set<String>> suspects) {
    this.membership = membership;
    this.suspects = suspects;
  }

  /** The nodes to place on; records on the job which snapshot it placed from (job may be null). */
  EligibleNodes forPlacement(Job job) {
    Map<String, NodeMonitorInfo> snapshot = membership.snapshot();
    Set<String> suspect = suspects.get();
    View v = view;
    if (snapshot != v.snapshot || suspect != v.suspects) {
      v = new View(snapshot, suspect, prepare(snapshot, suspect));
      view = v;
    }
    if (job != null) {
      job.placementSnapshot = snapshot;
    }
    return v.nodes;
  }

  /** Cheap when membership did not change since the placement: the same snapshot holds the node. */
  boolean departedSincePlacement(Job job, String nodeId) {
    Map<String, NodeMonitorInfo> now = membership.snapshot();
    return now != job.placementSnapshot && !now.containsKey(nodeId);
  }

  /** Suspects are left out unless nothing else is left: a slow node beats failing the job. */
  private static EligibleNodes prepare(Map<String, NodeMonitorInfo> snapshot, Set<String> suspect) {
    if (!suspect.isEmpty()) {
      List<NodeMonitorInfo> trusted = snapshot.values().stream().filter(n -> !suspect.contains(n.id())).toList();
      if (!trusted.isEmpty()) {
        return new EligibleNodes(trusted);
      }
    }
    return new EligibleNodes(snapshot.values());
  }

  int size() {
    return membership.snapshot().size();
  }
}
