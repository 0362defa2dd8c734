package org.sparrow.scheduler.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.Nodes;

class PlacementTest {

  private static final NodeRequirement BACKEND_APP = new NodeRequirement(Map.of(), "app", false, Set.of());

  private static List<String> taskIds(int m) {
    return IntStream.range(0, m).mapToObj(i -> "t" + i).toList();
  }

  private static ReservationPlan place(List<NodeMonitorInfo> nodes, List<Demand> demands, double d, long seed) {
    PlacementPipeline.Outcome o = PlacementPipeline.run("job", d, demands, nodes, Set.of(),
        new BatchLateBindingPolicy(), PlacementContext.of(new Random(seed))).toCompletableFuture().join();
    assertThat(o.unplaceable()).isEmpty();
    return o.plan();
  }

  @Test
  void samplesCeilOfDTimesMDistinctNodesWithOneReservationEach() {
    ReservationPlan plan = place(Nodes.nodes(50), List.of(new Demand(taskIds(7), BACKEND_APP, false)), 1.5, 1);

    assertThat(plan.nodeCount()).isEqualTo(11);  // ceil(1.5 * 7)
    assertThat(plan.entries()).allSatisfy(e -> {
      assertThat(e.count()).isEqualTo(1);
      assertThat(e.bound()).isEmpty();
    });
    assertThat(plan.totalReservations()).isEqualTo(11);
  }

  @Test
  void probeCountIsExactForRatiosWithFloatingError() {
    assertThat(Sampler.probes(1.1, 10)).isEqualTo(11);
    assertThat(Sampler.probes(2.0, 3)).isEqualTo(6);
    assertThat(Sampler.probes(1.01, 1)).isEqualTo(2);
  }

  @Test
  void capsDistinctNodesAtClusterSizeButKeepsEveryReservation() {
    ReservationPlan plan = place(Nodes.nodes(4), List.of(new Demand(taskIds(5), BACKEND_APP, false)), 2.0, 7);

    assertThat(plan.nodeCount()).isEqualTo(4);
    assertThat(plan.totalReservations()).isEqualTo(10);
    assertThat(plan.entries()).extracting(ReservationPlan.Entry::count).containsExactlyInAnyOrder(3, 3, 2, 2);
  }

  @Test
  void jobConstraintsFilterTheCandidates() {
    List<NodeMonitorInfo> nodes = new ArrayList<>();
    for (int i = 1; i <= 20; i++) {
      nodes.add(Nodes.node(i, Map.of("rack", i % 2 == 0 ? "even" : "odd")));
    }
    NodeRequirement evenRack = new NodeRequirement(Map.of("rack", "even"), "app", false, Set.of());

    ReservationPlan plan = place(nodes, List.of(new Demand(taskIds(3), evenRack, false)), 2.0, 3);

    assertThat(plan.nodeCount()).isEqualTo(6);
    assertThat(plan.entries()).allSatisfy(e -> assertThat(e.node().attributes()).containsEntry("rack", "even"));
  }

  @Test
  void filterReportsDemandsNoNodeSatisfies() {
    NodeRequirement needsCommands = new NodeRequirement(Map.of(), null, true, Set.of());
    NodeRequirement otherApp = new NodeRequirement(Map.of(), "other", false, Set.of());

    ConstraintFilter.Result r = ConstraintFilter.apply(Nodes.nodes(5),
        List.of(new Demand(List.of("a"), needsCommands, false), new Demand(List.of("b"), otherApp, false),
            new Demand(List.of("c"), BACKEND_APP, false)), Set.of("nm-01"));

    assertThat(r.unplaceable()).extracting(d -> d.taskIds().get(0)).containsExactly("a", "b");
    assertThat(r.groups()).singleElement().satisfies(g ->
        assertThat(g.candidates()).extracting(NodeMonitorInfo::id).doesNotContain("nm-01").hasSize(4));
  }

  @Test
  void perTaskConstraintsSampleDNodesFromEachTasksOwnSet() {
    // Preferences may name node ids or hosts.
    NodeRequirement onThreeOrSeven = new NodeRequirement(Map.of(), "app", false, Set.of("nm-03", "HOST-07"));
    NodeRequirement onTwelve = new NodeRequirement(Map.of(), "app", false, Set.of("nm-12"));

    ReservationPlan plan = place(Nodes.nodes(20), List.of(
        new Demand(List.of("p1", "p2"), onThreeOrSeven, true),
        new Demand(List.of("q"), onTwelve, true)), 2.0, 5);

    assertThat(plan.entry("nm-03").sampledFor()).containsExactlyInAnyOrder("p1", "p2");
    assertThat(plan.entry("nm-07").sampledFor()).containsExactlyInAnyOrder("p1", "p2");
    assertThat(plan.entry("nm-12").sampledFor()).containsExactly("q");  // only one feasible node
    assertThat(plan.nodeCount()).isEqualTo(3);
    assertThat(plan.totalReservations()).isEqualTo(5);
  }

  @Test
  void perTaskSamplingTakesDDistinctNodesOutOfALargerSet() {
    NodeRequirement rackA = new NodeRequirement(Map.of("rack", "a"), "app", false, Set.of());
    List<NodeMonitorInfo> nodes = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      nodes.add(Nodes.node(i, Map.of("rack", i <= 10 ? "a" : "b")));
    }

    ReservationPlan plan = place(nodes, List.of(new Demand(List.of("x"), rackA, true)), 2.0, 11);

    assertThat(plan.entries()).hasSize(2).allSatisfy(e -> {
      assertThat(e.node().attributes()).containsEntry("rack", "a");
      assertThat(e.sampledFor()).containsExactly("x");
    });
  }

  @Test
  void samePlanForSameSeed() {
    List<Demand> demands = List.of(new Demand(taskIds(10), BACKEND_APP, false));
    ReservationPlan first = place(Nodes.nodes(100), demands, 2.0, 42);
    ReservationPlan second = place(Nodes.nodes(100), demands, 2.0, 42);

    assertThat(second).isEqualTo(first);
    // ... and the order of the membership snapshot does not matter.
    List<NodeMonitorInfo> reversed = new ArrayList<>(Nodes.nodes(100));
    java.util.Collections.reverse(reversed);
    assertThat(place(reversed, demands, 2.0, 42)).isEqualTo(first);
  }

  @Test
  void samplerIsUniformEnoughAndDistinct() {
    Random random = new Random(9);
    List<Integer> from = IntStream.range(0, 10).boxed().toList();
    int[] hits = new int[10];
    for (int round = 0; round < 5_000; round++) {
      List<Integer> s = Sampler.sample(from, 2, random);
      assertThat(new HashSet<>(s)).hasSize(2);
      s.forEach(i -> hits[i]++);
    }
    // Expected 1000 each; a broken sampler (always the first ones) would be far off.
    assertThat(IntStream.of(hits).boxed().toList()).allSatisfy(h -> assertThat(h).isBetween(850, 1150));
  }

  @Test
  void registryFailsListingValidNames() {
    PlacementPolicies registry = PlacementPolicies.defaults();

    assertThat(registry.get("batch-late-binding")).isInstanceOf(BatchLateBindingPolicy.class);
    assertThatThrownBy(() -> registry.get("power-of-three"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("power-of-three")
        .hasMessageContaining("batch-late-binding");
  }

  @Test
  void pipelineRejectsAPolicyThatStraysFromItsCandidates() {
    PlacementPolicy rogue = new PlacementPolicy() {
      @Override
      public String name() {
        return "rogue";
      }

      @Override
      public java.util.concurrent.CompletionStage<ReservationPlan> place(PlacementRequest r, PlacementContext c) {
        return java.util.concurrent.CompletableFuture.completedFuture(
            ReservationPlan.builder().reserve(Nodes.node(99), 1).build());
      }
    };

    assertThatThrownBy(() -> PlacementPipeline.run("job", 1.0, List.of(new Demand(List.of("t"), BACKEND_APP, false)),
        Nodes.nodes(3), Set.of(), rogue, PlacementContext.of(new Random(1))).toCompletableFuture().join())
        .hasMessageContaining("rogue").hasMessageContaining("nm-99");
  }
}
