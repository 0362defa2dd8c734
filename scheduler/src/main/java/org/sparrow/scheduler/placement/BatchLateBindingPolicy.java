package org.sparrow.scheduler.placement;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sparrow.common.NodeMonitorInfo;

/**
 * Sparrow's default: batch sampling with late binding. For m tasks that may run anywhere the
 * job allows, ceil(d·m) reservations spread over min(ceil(d·m), n) distinct sampled nodes;
 * each task with per-task constraints gets one reservation on each of ceil(d) nodes sampled
 * from its own feasible set. No task is bound: node monitors ask for tasks when a slot frees.
 */
public final class BatchLateBindingPolicy implements PlacementPolicy {

  public static final String NAME = "batch-late-binding";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletionStage<ReservationPlan> place(PlacementRequest request, PlacementContext context) {
    ReservationPlan.Builder plan = ReservationPlan.builder();
    double d = request.probeRatio();
    for (TaskGroup group : request.groups()) {
      if (group.perTask()) {
        int perTask = Sampler.probes(d, 1);
        for (String taskId : group.taskIds()) {
          for (NodeMonitorInfo node : Sampler.sample(group.candidates(), perTask, context.random())) {
            plan.reserveFor(node, taskId);
          }
        }
      } else {
        int total = Sampler.probes(d, group.taskIds().size());
        List<NodeMonitorInfo> nodes = Sampler.sample(group.candidates(), total, context.random());
        Reserver.spread(total, nodes, plan);
      }
    }
    return CompletableFuture.completedFuture(plan.build());
  }

  @Override
  public String toString() {
    return NAME;
  }
}
