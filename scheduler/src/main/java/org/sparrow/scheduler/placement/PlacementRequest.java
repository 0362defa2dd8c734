package org.sparrow.scheduler.placement;

import java.util.List;

/**
 * What a policy places: the job's task groups, already filtered down to eligible node monitors.
 *
 * @param requestId  the job (for logs and policies that remember per-job state)
 * @param probeRatio d: reservations per task (batch) or nodes per task (per-task sampling)
 * @param groups     non-empty groups of tasks with their candidate nodes
 */
public record PlacementRequest(String requestId, double probeRatio, List<TaskGroup> groups) {

  public PlacementRequest {
    groups = List.copyOf(groups);
    if (!(probeRatio >= 1.0) || Double.isInfinite(probeRatio)) {
      throw new IllegalArgumentException("probeRatio must be a number >= 1, got " + probeRatio);
    }
  }

  public int taskCount() {
    int n = 0;
    for (TaskGroup g : groups) {
      n += g.taskIds().size();
    }
    return n;
  }
}
