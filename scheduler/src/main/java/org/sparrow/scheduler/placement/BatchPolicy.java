package org.sparrow.scheduler.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.sparrow.common.NodeMonitorInfo;

/**
 * Batch sampling without late binding (a baseline): probe ceil(d·m) sampled node monitors for
 * their load, then bind the m tasks to the least loaded of them, one task at a time, counting
 * the tasks already given to each. Tasks with per-task constraints each probe ceil(d) nodes of
 * their own feasible set. Probes cost one round trip before anything is enqueued, and the
 * loads are stale by the time the tasks arrive: that is what late binding avoids.
 */
public final class BatchPolicy implements PlacementPolicy {

  public static final String NAME = "batch";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletionStage<ReservationPlan> place(PlacementRequest request, PlacementContext context) {
    double d = request.probeRatio();
    // What each task chooses from; one sample per batch group, one per constrained task.
    List<String> taskIds = new ArrayList<>();
    List<List<NodeMonitorInfo>> choicesOf = new ArrayList<>();
    List<List<NodeMonitorInfo>> samples = new ArrayList<>();
    for (TaskGroup group : request.groups()) {
      if (group.perTask()) {
        for (String taskId : group.taskIds()) {
          List<NodeMonitorInfo> sample = Sampler.sample(group.candidates(), Sampler.probes(d, 1), context.random());
          samples.add(sample);
          taskIds.add(taskId);
          choicesOf.add(sample);
        }
      } else {
        List<NodeMonitorInfo> sample = Sampler.sample(group.candidates(),
            Sampler.probes(d, group.taskIds().size()), context.random());
        samples.add(sample);
        for (String taskId : group.taskIds()) {
          taskIds.add(taskId);
          choicesOf.add(sample);
        }
      }
    }
    List<NodeMonitorInfo> probed = LeastLoaded.concat(samples);
    return LoadProbes.probeAll(probed, context.loadProbe()).thenApply(loads -> {
      LeastLoaded chooser = new LeastLoaded();
      chooser.record(probed, loads);
      ReservationPlan.Builder plan = ReservationPlan.builder();
      for (int i = 0; i < taskIds.size(); i++) {
        plan.bind(chooser.pickAndAssign(choicesOf.get(i)), taskIds.get(i));
      }
      return plan.build();
    });
  }

  @Override
  public String toString() {
    return NAME;
  }
}
