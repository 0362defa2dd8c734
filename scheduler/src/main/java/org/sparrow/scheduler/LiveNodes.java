package org.sparrow.scheduler;

import java.util.List;
import java.util.Map;
import org.sparrow.common.Membership;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.placement.EligibleNodes;

/**
 * The live node monitors, prepared for filtering and cached per membership snapshot (snapshots
 * are immutable: a new one means a change). Thread-safe.
 */
final class LiveNodes {

  /** The last membership snapshot seen with its prepared view, as one value so they always match. */
  private record View(Map<String, NodeMonitorInfo> snapshot, EligibleNodes nodes) {}

  private final Membership<NodeMonitorInfo> membership;
  private volatile View view = new View(Map.of(), new EligibleNodes(List.of()));

  LiveNodes(Membership<NodeMonitorInfo> membership) {
    this.membership = membership;
  }

  /** The nodes to place on; records on the job which snapshot it placed from (job may be null). */
  EligibleNodes forPlacement(Job job) {
    Map<String, NodeMonitorInfo> snapshot = membership.snapshot();
    View v = view;
    if (snapshot != v.snapshot) {
      v = new View(snapshot, new EligibleNodes(snapshot.values()));
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

  int size() {
    return membership.snapshot().size();
  }
}
