package org.sparrow.scheduler.placement;

import org.sparrow.common.LoadProbe;
import org.sparrow.common.NodeLoad;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.Nodes;

/** The baselines random, per-task and batch, with pinned seeds and a fake load probe. */
class BaselinePoliciesTest {

  /** Answers from a fixed table (queued reservations per node); records what was probed. */
  private static final class FakeProbe implements LoadProbe {
    final Map<String, Integer> queued = new HashMap<>();
    final Set<String> failing = new java.util.HashSet<>();
    final List<String> probed = Collections.synchronizedList(new ArrayList<>());

    @Override
    public CompletableFuture<NodeLoad> probe(NodeMonitorInfo node) {
      probed.add(node.id());
      if (failing.contains(node.id())) {
        return CompletableFuture.failedFuture(new IllegalStateException("node " + node.id() + " is gone"));
      }
      return CompletableFuture.completedFuture(new NodeLoad(4, 0, 0, queued.getOrDefault(node.id(), 0), 0, 0));
    }
  }

  private static List<String> taskIds(int m) {
    return IntStream.range(0, m).mapToObj(i -> "t" + i).toList();
  }

  private static ReservationPlan place(PlacementPolicy policy, List<NodeMonitorInfo> nodes, int m, double d,
      long seed, LoadProbe probe) {
    PlacementRequest request = new PlacementRequest("job", d, List.of(new TaskGroup(taskIds(m), nodes, false)));
    return policy.place(request, new PlacementContext(new Random(seed), probe)).toCompletableFuture().join();
  }

  private static Map<String, String> nodeOfTask(ReservationPlan plan) {
    Map<String, String> where = new HashMap<>();
    for (ReservationPlan.Entry e : plan.entries()) {
      assertThat(e.count()).as("a binding policy reserves exactly its bound tasks").isEqualTo(e.bound().size());
      for (String t : e.bound()) {
        assertThat(where.put(t, e.node().id())).as("task %s bound twice", t).isNull();
      }
    }
    return where;
  }

  @Test
  void registryKnowsEveryPolicyByName() {
    PlacementPolicies all = PlacementPolicies.defaults();
    assertThat(all.names()).contains("batch-late-binding", "batch", "per-task", "random");
    assertThat(all.get("per-task")).isInstanceOf(PerTaskPolicy.class);
  }

  @Test
  void randomBindsEveryTaskOnceUniformlyAndReproducibly() {
    List<NodeMonitorInfo> nodes = Nodes.nodes(10);
    ReservationPlan plan = place(new RandomPolicy(), nodes, 10_000, 2.0, 3, LoadProbe.unavailable());
    Map<String, String> where = nodeOfTask(plan);
    assertThat(where).hasSize(10_000);
    for (ReservationPlan.Entry e : plan.entries()) {
      assertThat(e.count()).isBetween(900, 1100);
    }
    assertThat(place(new RandomPolicy(), nodes, 10_000, 2.0, 3, LoadProbe.unavailable())).isEqualTo(plan);
    assertThat(place(new RandomPolicy(), nodes, 10_000, 2.0, 4, LoadProbe.unavailable())).isNotEqualTo(plan);
  }

  @Test
  void perTaskProbesDNodesPerTaskAndTakesTheLessLoaded() {
    List<NodeMonitorInfo> nodes = Nodes.nodes(20);
    FakeProbe probe = new FakeProbe();
    // Node i has 10*i queued reservations: the lower index is always the less loaded.
    for (int i = 1; i <= 20; i++) {
      probe.queued.put(Nodes.node(i).id(), 10 * i);
    }
    ReservationPlan plan = place(new PerTaskPolicy(), nodes, 5, 2.0, 11, probe);
    Map<String, String> where = nodeOfTask(plan);
    assertThat(where).hasSize(5);
    assertThat(probe.probed).hasSize(10);
    for (int t = 0; t < 5; t++) {
      String a = probe.probed.get(2 * t);
      String b = probe.probed.get(2 * t + 1);
      assertThat(where.get("t" + t)).isEqualTo(a.compareTo(b) < 0 ? a : b);
    }
    assertThat(place(new PerTaskPolicy(), nodes, 5, 2.0, 11, new FakeProbe())).isEqualTo(
        place(new PerTaskPolicy(), nodes, 5, 2.0, 11, new FakeProbe()));
  }

  @Test
  void batchProbesDTimesMNodesAndFillsTheLeastLoaded() {
    List<NodeMonitorInfo> nodes = Nodes.nodes(4);
    FakeProbe probe = new FakeProbe();
    probe.queued.put("nm-01", 8);
    probe.queued.put("nm-02", 0);
    probe.queued.put("nm-03", 4);
    probe.queued.put("nm-04", 1);
    // 3 tasks, d = 4/3: all 4 nodes probed. Per slot: nm-02 0, nm-04 .25, nm-03 1, nm-01 2.
    // Task 1 -> nm-02 (then .25), task 2 -> nm-02 or nm-04 (tie, earlier in the random sample
    // wins), task 3 -> the other one; never nm-01 or nm-03.
    ReservationPlan plan = place(new BatchPolicy(), nodes, 3, 4.0 / 3, 5, probe);
    Map<String, String> where = nodeOfTask(plan);
    assertThat(probe.probed).containsExactlyInAnyOrder("nm-01", "nm-02", "nm-03", "nm-04");
    assertThat(where.values()).containsOnly("nm-02", "nm-04");
    assertThat(plan.entry("nm-02").bound().size() + plan.entry("nm-04").bound().size()).isEqualTo(3);
  }

  @Test
  void batchPrefersNodesThatAnsweredAndStillBindsWhenNoneDid() {
    List<NodeMonitorInfo> nodes = Nodes.nodes(6);
    FakeProbe probe = new FakeProbe();
    for (int i = 1; i <= 6; i++) {
      probe.queued.put(Nodes.node(i).id(), 0);
    }
    probe.failing.addAll(List.of("nm-01", "nm-02", "nm-03", "nm-04", "nm-05"));
    Map<String, String> where = nodeOfTask(place(new BatchPolicy(), nodes, 3, 2.0, 9, probe));
    assertThat(where.values()).containsOnly("nm-06");

    FakeProbe dead = new FakeProbe();
    nodes.forEach(n -> dead.failing.add(n.id()));
    assertThat(nodeOfTask(place(new BatchPolicy(), nodes, 3, 2.0, 9, dead))).hasSize(3);
    assertThat(nodeOfTask(place(new PerTaskPolicy(), nodes, 3, 2.0, 9, dead))).hasSize(3);
  }

  @Test
  void constrainedTasksChooseOnlyAmongTheirOwnCandidates() {
    List<NodeMonitorInfo> all = Nodes.nodes(10);
    List<NodeMonitorInfo> onlyTwo = List.of(Nodes.node(3), Nodes.node(7));
    PlacementRequest request = new PlacementRequest("job", 2.0, List.of(
        new TaskGroup(List.of("free"), all, false),
        new TaskGroup(List.of("pinned-a", "pinned-b"), onlyTwo, true)));
    for (PlacementPolicy p : List.of(new RandomPolicy(), new PerTaskPolicy(), new BatchPolicy())) {
      FakeProbe probe = new FakeProbe();
      Map<String, String> where = nodeOfTask(p.place(request, new PlacementContext(new Random(1), probe))
          .toCompletableFuture().join());
      assertThat(where).containsKeys("free", "pinned-a", "pinned-b");
      assertThat(where.get("pinned-a")).isIn("nm-03", "nm-07");
      assertThat(where.get("pinned-b")).isIn("nm-03", "nm-07");
    }
  }
}
