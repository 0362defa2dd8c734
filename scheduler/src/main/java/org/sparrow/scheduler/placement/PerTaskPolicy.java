package org.sparrow.scheduler.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.sparrow.common.NodeMonitorInfo;

/**
 * Per-task sampling (a baseline, "the power of two choices"): every task probes ceil(d) node
 * monitors of its own and is bound to the less loaded of them (counting the tasks of this job
 * already bound there). All probes of a job go out at once.
 */
public final class PerTaskPolicy implements PlacementPolicy {

  public static final String NAME = "per-task";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CompletionStage<ReservationPlan> place(PlacementRequest request, PlacementContext context) {
    int perTask = Sampler.probes(request.probeRatio(), 1);
    List<String> taskIds = new ArrayList<>();
    List<List<NodeMonitorInfo>> choicesOf = new ArrayList<>();
    for (TaskGroup group : request.groups()) {
      for (String taskId : group.taskIds()) {
        taskIds.add(taskId);
        choicesOf.add(Sampler.sample(group.candidates(), perTask, context.random()));
      }
    }
    List<NodeMonitorInfo> probed = LeastLoaded.concat(choicesOf);
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
