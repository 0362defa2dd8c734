package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every policy through the real scheduler and node-monitor classes, on a small cluster. */
class PoliciesTest {

  private static final long MS = 1_000_000L;

  /** 100 workers x 4 slots, 2 schedulers, 10 tasks of exp(100 ms) per job (one draw per job). */
  private static SimConfig small(int jobs, long seed) {
    return new SimConfig(100, 4, 2, 10, 100 * MS, DurationDistribution.EXP, false, jobs, 0.1, MS / 2, 2.0, seed);
  }

  @Test
  void simulatesEveryPolicyTheIssueNames() {
    assertThat(Simulator.withBuiltInPolicies().policyNames()).containsExactly("random", "per-task", "batch",
        "batch-late-binding", "batch-late-binding-no-cancel", "omniscient");
  }

  @Test
  void atTenPercentLoadEveryPolicyIsCloseToTheIdeal() throws Exception {
    Simulator simulator = Simulator.withBuiltInPolicies();
    List<PolicyResult> results = simulator.runAll(small(400, 7), simulator.policyNames(), List.of(0.1), 2, r -> { });
    Map<String, ResponseStats> byPolicy = results.stream()
        .collect(Collectors.toMap(PolicyResult::policy, PolicyResult::stats));
    ResponseStats ideal = byPolicy.get("omniscient");
    assertThat(ideal.count()).isEqualTo(360);
    byPolicy.forEach((policy, stats) -> {
      assertThat(stats.count()).as(policy).isEqualTo(360);
      // Within 10% (plus the few network delays a real scheduler needs) of the ideal median.
      assertThat(stats.p50()).as(policy + " median vs omniscient " + ideal.p50Millis() + " ms")
          .isBetween(ideal.p50(), Math.round(ideal.p50() * 1.10) + 3 * MS);
    });
  }

  @Test
  void sameSeedSameResultsOtherSeedOtherResults() {
    Simulator simulator = Simulator.withBuiltInPolicies();
    Function<Long, ResponseStats> run = seed -> simulator.run(small(150, seed), "batch-late-binding", 0.7).stats();
    assertThat(run.apply(3L)).isEqualTo(run.apply(3L));
    assertThat(run.apply(4L)).isNotEqualTo(run.apply(3L));
    ResponseStats perTask = simulator.run(small(150, 3), "per-task", 0.7).stats();
    assertThat(simulator.run(small(150, 3), "per-task", 0.7).stats()).isEqualTo(perTask);
  }

  @Test
  void lateBindingBeatsBatchSamplingUnderLoad() {
    // Not a speed assertion: a property of the policies on a fixed seed and trace.
    Simulator simulator = Simulator.withBuiltInPolicies();
    SimConfig config = small(600, 5);
    double late = simulator.run(config, "batch-late-binding", 0.8).stats().p50();
    double batch = simulator.run(config, "batch", 0.8).stats().p50();
    double random = simulator.run(config, "random", 0.8).stats().p50();
    assertThat(late).isLessThan(batch);
    assertThat(batch).isLessThan(random);
  }

  @Test
  void unknownPolicyIsNamedWithTheValidOnes() {
    assertThatThrownBy(() -> Simulator.withBuiltInPolicies().run(small(10, 1), "fastest", 0.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("fastest").hasMessageContaining("batch-late-binding");
  }
}
