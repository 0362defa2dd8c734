package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WorkloadTest {

  private static final long MS = 1_000_000L;

  @Test
  void sameSeedGivesTheSameTraceAndAnotherSeedAnotherOne() {
    WorkloadSpec spec = new WorkloadSpec(100, 4, 100 * MS, DurationDistribution.EXP, true, 200, 7);
    Trace a = TraceGenerator.generate(spec);
    Trace b = TraceGenerator.generate(spec);
    Trace c = TraceGenerator.generate(new WorkloadSpec(100, 4, 100 * MS, DurationDistribution.EXP, true, 200, 8));
    for (int i = 0; i < a.size(); i++) {
      assertThat(a.jobs().get(i).arrivalNanos()).isEqualTo(b.jobs().get(i).arrivalNanos());
      assertThat(a.jobs().get(i).taskNanos()).isEqualTo(b.jobs().get(i).taskNanos());
    }
    assertThat(c.jobs().get(0).arrivalNanos()).isNotEqualTo(a.jobs().get(0).arrivalNanos());
  }

  @Test
  void poissonArrivalsMatchTheRateAndLoadFormula() {
    // 80% of 40 slots with 4 tasks of 100 ms: 0.8 * 40 / 0.4 s = 80 jobs/s.
    double rate = WorkloadSpec.jobsPerSecondForLoad(0.8, 40, 4, 100 * MS);
    assertThat(rate).isCloseTo(80.0, within(1e-9));
    Trace t = TraceGenerator.generate(new WorkloadSpec(rate, 4, 100 * MS, DurationDistribution.CONSTANT, true, 20_000, 3));
    double seconds = t.jobs().get(t.size() - 1).arrivalNanos() / 1e9;
    assertThat(t.size() / seconds).isCloseTo(80.0, within(2.0));
    assertThat(t.totalTasks()).isEqualTo(80_000);
  }

  @Test
  void perJobDrawsGiveEqualTasksWithinAJob() {
    Trace t = TraceGenerator.generate(new WorkloadSpec(10, 5, 100 * MS, DurationDistribution.EXP, false, 50, 1));
    for (SimJob j : t.jobs()) {
      for (long d : j.taskNanos()) {
        assertThat(d).isEqualTo(j.taskNanos()[0]);
      }
    }
    Trace perTask = TraceGenerator.generate(new WorkloadSpec(10, 5, 100 * MS, DurationDistribution.EXP, true, 50, 1));
    assertThat(perTask.jobs().get(0).taskNanos()).doesNotHaveDuplicates();
  }

  @ParameterizedTest
  @EnumSource(DurationDistribution.class)
  void everyDistributionHasTheRequestedMean(DurationDistribution d) {
    Random r = new Random(11);
    double sum = 0;
    int n = 200_000;
    for (int i = 0; i < n; i++) {
      long v = d.sample(r, 100 * MS);
      assertThat(v).isNotNegative();
      sum += v;
    }
    assertThat(sum / n / MS).isCloseTo(100.0, within(2.0));
  }

  @Test
  void bimodalHasTwoValuesTenfoldApart() {
    Random r = new Random(5);
    java.util.Set<Long> values = new java.util.TreeSet<>();
    for (int i = 0; i < 1000; i++) {
      values.add(DurationDistribution.BIMODAL.sample(r, 190 * MS));
    }
    assertThat(values).containsExactly(100 * MS, 1000 * MS);
  }

  @Test
  void badNamesAndValuesAreNamedInTheError() {
    assertThatThrownBy(() -> DurationDistribution.parse("gaussian"))
        .hasMessageContaining("gaussian").hasMessageContaining("constant, exp, uniform, bimodal");
    assertThat(DurationDistribution.parse(" Exponential ")).isEqualTo(DurationDistribution.EXP);
    assertThatThrownBy(() -> new WorkloadSpec(0, 1, MS, DurationDistribution.EXP, true, 1, 1))
        .hasMessageContaining("rate");
    assertThatThrownBy(() -> WorkloadSpec.jobsPerSecondForLoad(0.5, 4, 1, 0)).hasMessageContaining("rate instead");
  }
}
