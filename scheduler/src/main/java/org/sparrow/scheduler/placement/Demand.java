package org.sparrow.scheduler.placement;

import java.util.List;

/**
 * Tasks that need reservations and what their nodes must offer: the input of the filter stage.
 *
 * @param taskIds     tasks sharing this requirement
 * @param requirement what an eligible node monitor offers
 * @param perTask     true for tasks with per-task constraints: each is sampled on its own (as in
 *                    the paper) rather than batch-sampled with the rest of the job
 */
public record Demand(List<String> taskIds, NodeRequirement requirement, boolean perTask) {

  public Demand {
    taskIds = List.copyOf(taskIds);
    if (taskIds.isEmpty()) {
      throw new IllegalArgumentException("a demand needs at least one task");
    }
  }
}
