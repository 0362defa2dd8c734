package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sparrow.common.UserShares;
import org.sparrow.nodemonitor.queue.QueueConfig;

/** The load sweep with a queue policy and users: per-user figures, pinned seed. */
class QueueSweepTest {

  /** 20 workers x 4 slots, 8 tasks of 100 ms per job, 600 jobs per point. */
  private static final SimConfig CLUSTER = new SimConfig(20, 4, 2, 8, TimeUnit.MILLISECONDS.toNanos(100),
      DurationDistribution.CONSTANT, true, 600, 0.2, TimeUnit.MICROSECONDS.toNanos(500), 2.0, 11);

  private final Simulator simulator = Simulator.withBuiltInPolicies();

  @Test
  void aPinnedSeedGivesTheSameFiguresPerUser() {
    QueueSetup q = new QueueSetup("weighted-fair", new QueueConfig(Map.of("alice", 3), 1), UserShares.parse("alice:1,bob:1"));
    PolicyResult a = simulator.run(CLUSTER, "batch-late-binding", q, 1.5);
    PolicyResult b = simulator.run(CLUSTER, "batch-late-binding", q, 1.5);
    assertThat(a.stats()).isEqualTo(b.stats());
    assertThat(a.users().keySet()).containsExactly("alice", "bob");
    for (String user : List.of("alice", "bob")) {
      assertThat(a.users().get(user).response()).isEqualTo(b.users().get(user).response());
      assertThat(a.users().get(user).achievedTasksPerSecond()).isEqualTo(b.users().get(user).achievedTasksPerSecond());
      assertThat(a.users().get(user).completedPer100ms()).isEqualTo(b.users().get(user).completedPer100ms());
    }
    assertThat(a.users().get("alice").response().count() + a.users().get("bob").response().count())
        .isEqualTo(a.stats().count());
    assertThat(a.label()).isEqualTo("batch-late-binding/weighted-fair");
  }

  @Test
  void underOverloadWeightedFairGivesTheWeightsAndFifoTheArrivals() {
    UserShares users = UserShares.parse("alice:1,bob:1");
    QueueConfig weights = new QueueConfig(Map.of("alice", 3, "bob", 1), 1);
    PolicyResult fair = simulator.run(CLUSTER, "batch-late-binding", new QueueSetup("weighted-fair", weights, users), 2.0);
    PolicyResult fifo = simulator.run(CLUSTER, "batch-late-binding", new QueueSetup("fifo", weights, users), 2.0);
    // The cluster runs 800 tasks/s; each user offers about as much.
    assertThat(share(fair, "alice")).isBetween(0.70, 0.80);
    assertThat(share(fifo, "alice")).isBetween(0.40, 0.60);
    assertThat(total(fair)).isBetween(700.0, 800.0);
  }

  @Test
  void priorityServesTheSmallerNumberFirst() {
    UserShares users = UserShares.parse("web:1:p0,batch:4:p1");
    PolicyResult prio = simulator.run(CLUSTER, "batch-late-binding", new QueueSetup("priority", null, users), 1.3);
    PolicyResult fifo = simulator.run(CLUSTER, "batch-late-binding", new QueueSetup("fifo", null, users), 1.3);
    long web = prio.users().get("web").response().p50();
    assertThat(web).isLessThan(prio.users().get("batch").response().p50() / 3);
    assertThat(web).isLessThan(fifo.users().get("web").response().p50() / 3);
  }

  @Test
  void omniscientRunsOnceAndReportsUsersToo() throws InterruptedException {
    UserShares users = UserShares.parse("alice:1,bob:1");
    List<QueueSetup> setups = List.of(new QueueSetup("fifo", null, users), new QueueSetup("priority", null, users));
    List<PolicyResult> rs = simulator.runAll(CLUSTER.withJobs(200), List.of("batch", "omniscient"), setups,
        List.of(0.5), 2, r -> { });
    assertThat(rs).extracting(PolicyResult::label).containsExactly("batch", "batch/priority", "omniscient");
    assertThat(rs.get(2).queuePolicy()).isNull();
    assertThat(rs.get(2).users().get("bob").achievedTasksPerSecond()).isPositive();
  }

  private static double share(PolicyResult r, String user) {
    return r.users().get(user).achievedTasksPerSecond() / total(r);
  }

  private static double total(PolicyResult r) {
    return r.users().values().stream().mapToDouble(UserFigures::achievedTasksPerSecond).sum();
  }
}
