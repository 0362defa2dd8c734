package org.sparrow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.placement.ConstraintFilter;
import org.sparrow.scheduler.placement.Demand;
import org.sparrow.scheduler.placement.EligibleNodes;
import org.sparrow.scheduler.placement.NodeRequirement;
import org.sparrow.scheduler.placement.PlacementContext;
import org.sparrow.scheduler.placement.PlacementPipeline;
import org.sparrow.scheduler.placement.PlacementPolicies;
import org.sparrow.scheduler.placement.PlacementPolicy;
import org.sparrow.scheduler.placement.PlacementRequest;
import org.sparrow.scheduler.placement.ReservationPlan;
import org.sparrow.scheduler.placement.TaskGroup;

/**
 * One placement decision of batch sampling with late binding, with 10 and 10,000 known node
 * monitors: the policy alone (sample d·m nodes, spread reservations); the whole pipeline a
 * scheduler runs per job (constraint filter on the id-ordered membership view it caches per
 * membership snapshot, policy, plan check); and the same right after a membership change,
 * when the view is rebuilt (sorted by id) first.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlacementBenchmark {

  @Param({"10", "10000"})
  int workers;

  @Param({"1", "8", "100"})
  int tasks;

  @Param({"batch-late-binding"})
  String policyName;

  private List<NodeMonitorInfo> nodes;
  private PlacementPolicy policy;
  private PlacementContext context;
  private PlacementRequest request;
  private List<Demand> demands;
  private EligibleNodes view;

  @Setup
  public void setup() {
    nodes = new ArrayList<>(workers);
    for (int i = 0; i < workers; i++) {
      String id = String.format("10.0.%d.%d:20502", i / 250, i % 250);
      nodes.add(new NodeMonitorInfo(id, id.substring(0, id.indexOf(':')), 20502, 20501, 4, Map.of(), Set.of(), false));
    }
    List<String> taskIds = new ArrayList<>(tasks);
    for (int i = 0; i < tasks; i++) {
      taskIds.add("t" + i);
    }
    policy = PlacementPolicies.defaults().get(policyName);
    context = PlacementContext.of(new Random(42));
    request = new PlacementRequest("job", 2.0, List.of(new TaskGroup(taskIds, nodes, false)));
    demands = List.of(new Demand(taskIds, NodeRequirement.ANY, false));
    view = new EligibleNodes(nodes);
  }

  @Benchmark
  public ReservationPlan policyOnly() {
    return policy.place(request, context).toCompletableFuture().join();
  }

  @Benchmark
  public PlacementPipeline.Outcome wholePipeline() {
    return PlacementPipeline.place("job", 2.0, ConstraintFilter.apply(view, demands, Set.of()), policy, context)
        .toCompletableFuture().join();
  }

  @Benchmark
  public PlacementPipeline.Outcome wholePipelineAfterMembershipChange() {
    return PlacementPipeline.run("job", 2.0, demands, nodes, Set.of(), policy, context)
        .toCompletableFuture().join();
  }
}
