package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.scheduler.placement.PlacementPolicies;

/**
 * A cluster small enough to follow by hand: 2 node monitors x 1 slot, one scheduler, 0.5 ms
 * one-way delay, d = 2. Job A arrives at 0 and job B at 2 ms, each with two 10-ms tasks.
 */
class TimelineTest {

  private static final long MS = 1_000_000L;
  private static final long US = 1_000L;
  private static final Trace TRACE = new Trace(List.of(
      new SimJob(0, 0, new long[] {10 * MS, 10 * MS}),
      new SimJob(1, 2 * MS, new long[] {10 * MS, 10 * MS})));

  private static SimConfig tiny() {
    return new SimConfig(2, 1, 1, 2, 10 * MS, DurationDistribution.CONSTANT, true, 2, 0, 500 * US, 2.0, 1);
  }

  private static long[] run(boolean cancellation) {
    return new ClusterSimulation(tiny(), "batch-late-binding", cancellation, PlacementPolicies.defaults())
        .run(TRACE).responseNanos();
  }

  @Test
  void lateBindingWithCancellation() {
    // A: 4 reservations, 2 per node, arrive at 0.5; each node claims one and asks for a task
    //    (getTasks reaches the scheduler at 1.0, the task the node at 1.5); both run 1.5..11.5.
    //    The second getTasks launches A's last task, so its answer says "exhausted" (that node
    //    drops its other A reservation) and the scheduler cancels A's leftover on the first
    //    node; the cancel arrives at 1.5.                                 A: 11.5 ms
    // B: 4 reservations arrive at 2.5 and wait. At 11.5 both nodes ask for a B task (12.0 at
    //    the scheduler); both tasks arrive at 12.5 and run to 22.5.        B: 22.5 - 2 = 20.5 ms
    assertThat(run(true)).containsExactly(11_500 * US, 20_500 * US);
  }

  @Test
  void lateBindingWithoutCancellationPaysARoundTripPerLeftover() {
    // As above, but the first node's A leftover stays queued ahead of B's reservations: at 11.5
    // it asks for an A task (answer "exhausted" back at 12.5), then for a B task (12.5 -> 13.0
    // -> 13.5), which runs 13.5..23.5. The other node runs B's other task 12.5..22.5.
    //                                                                    B: 23.5 - 2 = 21.5 ms
    assertThat(run(false)).containsExactly(11_500 * US, 21_500 * US);
  }

  @Test
  void omniscientHasNoDelays() {
    // A runs 0..10 on both slots; B's tasks wait for them: 10..20.
    assertThat(Omniscient.responseNanos(TRACE, 2)).containsExactly(10 * MS, 18 * MS);
  }
}
