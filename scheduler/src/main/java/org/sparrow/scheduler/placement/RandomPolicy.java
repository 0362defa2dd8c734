package org.sparrow.scheduler.placement;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Random placement (a baseline): every task is bound to a node monitor drawn uniformly from its
 * feasible set. No probes, no late binding: tasks queue wherever they land.
 */
public final class RandomPolicy implements PlacementPolicy {

  public static final String NAME = "random";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletionStage<ReservationPlan> place(PlacementRequest request, PlacementContext context) {
    ReservationPlan.Builder plan = ReservationPlan.builder();
    for (TaskGroup group : request.groups()) {
      for (String taskId : group.taskIds()) {
        plan.bind(group.candidates().get(context.random().nextInt(group.candidates().size())), taskId);
      }
    }
    return CompletableFuture.completedFuture(plan.build());
  }

  @Override
  public String toString() {
    return NAME;
  }
}
