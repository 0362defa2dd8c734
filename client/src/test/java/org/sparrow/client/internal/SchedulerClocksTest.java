package org.sparrow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;

/** Submit deadlines in the scheduler's clock, from probes with made-up times (no real clock). */
class SchedulerClocksTest {

  private static final HostPort A = new HostPort("a", 1);
  private static final HostPort B = new HostPort("b", 1);

  @Test
  void theOffsetIsTheSchedulersClockAtTheMiddleOfTheRoundTrip() {
    SchedulerClocks clocks = new SchedulerClocks(60_000);
    // The scheduler runs an hour ahead; the probe took 10 ms there and back.
    SchedulerClocks.Estimate e = clocks.sample(A, 1_000, 3_601_005, 1_010);
    assertThat(e.offsetMs()).isEqualTo(3_600_000);
    assertThat(e.errorMs()).isEqualTo(6);
    assertThat(clocks.deadline(A, 2_000, 500)).isEqualTo(3_602_500);
    assertThat(clocks.deadline(B, 2_000, 500)).as("never probed: own clock").isEqualTo(2_500);
  }

  @Test
  void theSampleWithTheShortestRoundTripWinsUntilItIsOld() {
    SchedulerClocks clocks = new SchedulerClocks(60_000);
    clocks.sample(A, 0, 105, 10);         // rtt 10: offset 100
    clocks.sample(A, 1_000, 1_300, 1_200);  // rtt 200: worse, ignored
    assertThat(clocks.last(A).offsetMs()).isEqualTo(100);
    clocks.sample(A, 2_000, 2_051, 2_002);  // rtt 2: better
    assertThat(clocks.last(A).offsetMs()).isEqualTo(50);
    assertThat(clocks.current(A, 50_000)).isNotNull();
    assertThat(clocks.current(A, 70_000)).as("due for a new probe").isNull();
    clocks.sample(A, 70_000, 70_150, 70_100);  // rtt 100, but the best one is old: clocks drift
    assertThat(clocks.last(A).offsetMs()).isEqualTo(100);
  }

  @Test
  void aSchedulerWithoutTheProbeGetsDeadlinesInTheClientsClock() {
    SchedulerClocks clocks = new SchedulerClocks(60_000);
    clocks.noProbe(A, 5_000);
    assertThat(clocks.current(A, 6_000).own()).isTrue();
    assertThat(clocks.deadline(A, 6_000, 100)).isEqualTo(6_100);
    assertThat(clocks.errorMs(A)).isZero();
    clocks.sample(A, 7_000, 8_000, 7_400);  // it learned the probe (upgraded): any sample wins
    assertThat(clocks.last(A).own()).isFalse();
  }
}
