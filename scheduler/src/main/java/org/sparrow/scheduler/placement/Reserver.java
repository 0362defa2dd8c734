package org.sparrow.scheduler.placement;

import java.util.List;
import org.sparrow.common.NodeMonitorInfo;

/** Stage 3 of placement: turns sampled nodes into reservation counts in a plan. */
public final class Reserver {

  private Reserver() {}

  /**
   * Spreads {@code total} reservations as evenly as possible over {@code nodes} (as the original
   * Sparrow does when there are fewer nodes than probes: every node gets total/n, the first
   * total%n one more), so a job always holds at least as many reservations as tasks.
   */
  public static void spread(int total, List<NodeMonitorInfo> nodes, ReservationPlan.Builder plan) {
    int n = nodes.size();
    if (n == 0 || total <= 0) {
      return;
    }
    int each = total / n;
    int extra = total % n;
    for (int i = 0; i < n; i++) {
      int count = each + (i < extra ? 1 : 0);
      if (count > 0) {
        plan.reserve(nodes.get(i), count);
      }
    }
  }
}
