package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class OmniscientTest {

  @Test
  void fifoOnTheFirstFreeSlotGivesTheHandComputedTimeline() {
    // 2 slots. Job 0 at t=0: tasks 10, 20, 5. Job 1 at t=4: task 3.
    //   t=0   task 10 on slot A (ends 10), task 20 on slot B (ends 20); task 5 waits
    //   t=10  A frees: task 5 runs 10..15            -> job 0 ends at 20: response 20
    //   t=15  A frees: job 1's task (queued since 4) runs 15..18 -> response 18 - 4 = 14
    Trace trace = new Trace(List.of(
        new SimJob(0, 0, new long[] {10, 20, 5}),
        new SimJob(1, 4, new long[] {3})));
    assertThat(Omniscient.responseNanos(trace, 2)).containsExactly(20, 14);
  }

  @Test
  void anIdleClusterAnswersEveryJobInItsLongestTask() {
    Trace trace = new Trace(List.of(
        new SimJob(0, 0, new long[] {7, 9}),
        new SimJob(1, 100, new long[] {4, 1, 2})));
    assertThat(Omniscient.responseNanos(trace, 8)).containsExactly(9, 4);
  }

  @Test
  void statsUseNearestRank() {
    long[] values = new long[100];
    for (int i = 0; i < 100; i++) {
      values[i] = 100 - i;  // unsorted on purpose
    }
    ResponseStats s = ResponseStats.of(values);
    assertThat(s.p50()).isEqualTo(50);
    assertThat(s.p95()).isEqualTo(95);
    assertThat(s.p99()).isEqualTo(99);
    assertThat(s.max()).isEqualTo(100);
    assertThat(s.mean()).isEqualTo(50.5);
  }
}
