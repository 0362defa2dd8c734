package org.sparrow.scheduler.placement;

import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sparrow.common.NodeMonitorInfo;

/**
 * Placement as named stages: {@link ConstraintFilter} (filter) then a {@link PlacementPolicy}
 * (sample with {@link Sampler}, reserve with {@link Reserver}), producing a
 * {@link ReservationPlan}. Sending the plan is someone else's job (compute, then dispatch).
 */
public final class PlacementPipeline {

  /** @param unplaceable demands no live node monitor satisfies (they are not in the plan) */
  public record Outcome(ReservationPlan plan, List<Demand> unplaceable) {}

  private static final Comparator<NodeMonitorInfo> BY_ID = Comparator.comparing(NodeMonitorInfo::id);

  private PlacementPipeline() {}

  /** All stages; the simulator's entry point. */
  public static CompletionStage<Outcome> run(String requestId, double probeRatio, List<Demand> demands,
      Collection<NodeMonitorInfo> nodes, Set<String> excluded, PlacementPolicy policy,
      PlacementContext context) {
    return place(requestId, probeRatio, ConstraintFilter.apply(nodes, demands, excluded), policy, context);
  }

  /** The stages after filtering; checks the policy kept to the candidates it was given. */
  public static CompletionStage<Outcome> place(String requestId, double probeRatio,
      ConstraintFilter.Result filtered, PlacementPolicy policy, PlacementContext context) {
    if (filtered.groups().isEmpty()) {
      return CompletableFuture.completedFuture(new Outcome(ReservationPlan.empty(), filtered.unplaceable()));
    }
    PlacementRequest request = new PlacementRequest(requestId, probeRatio, filtered.groups());
    return policy.place(request, context).thenApply(plan -> {
      checkPlan(policy, request, plan);
      return new Outcome(plan, filtered.unplaceable());
    });
  }

  /** Candidates from the filter are in id order, so membership is a binary search, not a set per job. */
  private static void checkPlan(PlacementPolicy policy, PlacementRequest request, ReservationPlan plan) {
    Set<String> tasks = null;
    Set<String> bound = new HashSet<>();
    for (ReservationPlan.Entry e : plan.entries()) {
      if (!isCandidate(e.node(), request.groups())) {
        throw new IllegalStateException("policy " + policy.name() + " reserved on " + e.node().id()
            + ", which is not a candidate");
      }
      if (!e.bound().isEmpty() && tasks == null) {
        tasks = new HashSet<>();
        for (TaskGroup g : request.groups()) {
          tasks.addAll(g.taskIds());
        }
      }
      for (String t : e.bound()) {
        if (!tasks.contains(t) || !bound.add(t)) {
          throw new IllegalStateException("policy " + policy.name() + " bound task '" + t
              + "' that is unknown or already bound");
        }
      }
    }
  }

  private static boolean isCandidate(NodeMonitorInfo node, List<TaskGroup> groups) {
    for (TaskGroup g : groups) {
      if (Collections.binarySearch(g.candidates(), node, BY_ID) >= 0) {
        return true;
      }
    }
    return false;
  }
}
