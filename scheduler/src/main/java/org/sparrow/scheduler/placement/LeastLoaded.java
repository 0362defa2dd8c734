package org.sparrow.scheduler.placement;

import org.sparrow.common.NodeLoad;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sparrow.common.NodeMonitorInfo;

/**
 * Chooses among probed node monitors by work per slot (running + queued, plus what this job
 * already put there), so a job's own tasks spread instead of piling onto the one idle node.
 * A node whose probe failed is chosen only if every alternative's probe failed too.
 */
final class LeastLoaded {

  private final Map<String, NodeLoad> probed = new HashMap<>();
  private final Map<String, Integer> assigned = new HashMap<>();

  /** Records probe answers ({@code loads[i]} for {@code nodes[i]}, null = failed). */
  void record(List<NodeMonitorInfo> nodes, List<NodeLoad> loads) {
    for (int i = 0; i < nodes.size(); i++) {
      if (loads.get(i) != null) {
        probed.put(nodes.get(i).id(), loads.get(i));
      }
    }
  }

  /** The least loaded of {@code choices} (earliest on ties: they come in random order); counts it. */
  NodeMonitorInfo pickAndAssign(List<NodeMonitorInfo> choices) {
    NodeMonitorInfo best = null;
    double bestLoad = Double.POSITIVE_INFINITY;
    for (NodeMonitorInfo n : choices) {
      double load = loadOf(n);
      if (best == null || load < bestLoad) {
        best = n;
        bestLoad = load;
      }
    }
    assigned.merge(best.id(), 1, Integer::sum);
    return best;
  }

  private double loadOf(NodeMonitorInfo n) {
    NodeLoad l = probed.get(n.id());
    if (l == null) {
      return Double.POSITIVE_INFINITY;
    }
    int slots = Math.max(1, l.slots());
    return (l.busySlots() + l.queuedReservations() + assigned.getOrDefault(n.id(), 0)) / (double) slots;
  }

  static List<NodeMonitorInfo> concat(List<List<NodeMonitorInfo>> lists) {
    List<NodeMonitorInfo> all = new ArrayList<>();
    lists.forEach(all::addAll);
    return all;
  }
}
