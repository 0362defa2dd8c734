package org.sparrow.scheduler.placement;

import java.util.List;
import org.sparrow.common.NodeMonitorInfo;

/**
 * Tasks with the node monitors eligible for them: the output of the filter stage and what a
 * {@link PlacementPolicy} samples from.
 *
 * @param taskIds    the tasks (never empty)
 * @param candidates eligible node monitors ordered by id (never empty)
 * @param perTask    whether each task is sampled on its own (per-task constraints)
 */
public record TaskGroup(List<String> taskIds, List<NodeMonitorInfo> candidates, boolean perTask) {

  public TaskGroup {
    taskIds = List.copyOf(taskIds);
    candidates = List.copyOf(candidates);
    if (taskIds.isEmpty() || candidates.isEmpty()) {
      throw new IllegalArgumentException("a task group needs tasks and candidates");
    }
  }
}
