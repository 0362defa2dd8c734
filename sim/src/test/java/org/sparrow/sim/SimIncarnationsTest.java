package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.scheduler.placement.PlacementPolicies;

/**
 * Every simulated scheduler has an incarnation (boot id) of its own, as a daemon does, and what
 * its reservations carry to the node monitors names it: their getTasks name it back, and the
 * scheduler itself judges it (Scheduler.getTasks with the scheduler boot id). A getTasks naming
 * another incarnation gets nothing, so its job never ends and the run fails; one naming none
 * (the empty boot id, which any incarnation accepts, so a lost field would hide) shows in the
 * count by named incarnation.
 */
class SimIncarnationsTest {

  private static final long MS = 1_000_000L;

  @Test
  void everyGetTasksNamesTheIncarnationOfTheSchedulerThatPlacedItsReservation() {
    // 4 workers x 1 slot, 2 schedulers, 2 tasks per job: jobs alternate between the schedulers.
    SimConfig config = new SimConfig(4, 1, 2, 2, 10 * MS, DurationDistribution.CONSTANT, true, 6, 0, MS / 2,
        2.0, 1);
    Trace trace = new Trace(List.of(
        new SimJob(0, 0, new long[] {10 * MS, 10 * MS}),
        new SimJob(1, MS, new long[] {10 * MS, 10 * MS}),
        new SimJob(2, 2 * MS, new long[] {10 * MS, 10 * MS}),
        new SimJob(3, 3 * MS, new long[] {10 * MS, 10 * MS})));
    ClusterSimulation simulation = new ClusterSimulation(config, "batch-late-binding", true,
        PlacementPolicies.defaults());

    long[] response = simulation.run(trace).responseNanos();

    assertThat(response).hasSize(4).doesNotContain(-1L, 0L);
    // Both incarnations were asked (each placed two jobs' tasks), and no getTasks named another.
    assertThat(simulation.fetchesByBootId()).containsOnlyKeys("sim0", "sim1")
        .allSatisfy((boot, fetches) -> assertThat(fetches).isGreaterThanOrEqualTo(4L));
  }
}
