package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sparrow.nodemonitor.queue.QueueConfig;

/** The queue experiments on a small simulated cluster (pinned seed): the policies' conclusions. */
class QueueExperimentsTest {

  private static final SimConfig CLUSTER = new SimConfig(20, 4, 2, 8, TimeUnit.MILLISECONDS.toNanos(100),
      DurationDistribution.CONSTANT, true, 1, 0, TimeUnit.MICROSECONDS.toNanos(500), 2.0, 7);
  private static final QueueConfig WEIGHTS = new QueueConfig(Map.of("alice", 3, "bob", 1), 1);

  @Test
  void priorityShieldsTheForegroundFromTheBacklogAndFifoDoesNot() {
    QueueExperiments.PriorityResult fifo = QueueExperiments.priority(CLUSTER, "fifo", QueueConfig.DEFAULTS, 3);
    QueueExperiments.PriorityResult priority = QueueExperiments.priority(CLUSTER, "priority", QueueConfig.DEFAULTS, 3);
    // Alone, the policies agree; next to the overload, only priority keeps the foreground fast.
    assertThat(priority.idle().p50()).isEqualTo(fifo.idle().p50());
    assertThat(priority.loaded().p99()).isLessThan(fifo.loaded().p50() / 3);
    assertThat(fifo.p50Ratio()).isGreaterThan(5);
    // The background still runs on what the foreground leaves (80 slots of 100-ms tasks: 800/s at most).
    assertThat(priority.backgroundTasksPerSecond()).isBetween(600.0, 800.0);
  }

  @Test
  void aloneTheForegroundGetsTheSameFiguresUnderEveryPolicySoOneIdleRunServesAll() {
    ResponseStats fifo = QueueExperiments.idleForeground(CLUSTER, "fifo", QueueConfig.DEFAULTS, 3);
    assertThat(fifo.count()).isPositive();
    for (String q : new String[] {"priority", "priority-nonpreemptive", "weighted-fair", "priority-weighted-fair"}) {
      assertThat(QueueExperiments.idleForeground(CLUSTER, q, WEIGHTS, 3)).as(q).isEqualTo(fifo);
    }
    QueueExperiments.PriorityResult shared = QueueExperiments.priority(CLUSTER, "priority", QueueConfig.DEFAULTS, 3, fifo);
    assertThat(shared).isEqualTo(QueueExperiments.priority(CLUSTER, "priority", QueueConfig.DEFAULTS, 3));
  }

  @Test
  void weightedFairSplitsTheClusterByWeightAndHandsItAllOnWhenOneUserStops() {
    int cap = QueueExperiments.defaultMaxOutstanding(CLUSTER);
    QueueExperiments.FairResult r = QueueExperiments.fairShare(CLUSTER, "weighted-fair", WEIGHTS, "alice", "bob",
        1.0, 6, cap);
    assertThat(r.firstShare()).isBetween(0.70, 0.80);
    assertThat(r.secondShare()).isBetween(0.20, 0.30);
    assertThat(r.catchUpMs()).isLessThan(1_000);
    assertThat(r.firstAloneFraction()).isGreaterThanOrEqualTo(0.95);
    assertThat(r.dropped()).as("both users overloaded: arrivals dropped at the cap").isPositive();
    QueueExperiments.FairResult fifo = QueueExperiments.fairShare(CLUSTER, "fifo", WEIGHTS, "alice", "bob", 1.0, 6, cap);
    assertThat(fifo.firstShare()).isBetween(0.40, 0.60);
  }

  @Test
  void preemptionSuspendsTheBackgroundAndBeatsTheNonPreemptiveForeground() {
    QueueExperiments.PriorityResult pre = QueueExperiments.priority(CLUSTER, "priority", QueueConfig.DEFAULTS, 3);
    QueueExperiments.PriorityResult non = QueueExperiments.priority(CLUSTER, "priority-nonpreemptive",
        QueueConfig.DEFAULTS, 3);
    // Suspended background tasks resume with their remaining time: the foreground no longer waits
    // for a 100-ms task to end, and the background loses no work.
    assertThat(pre.loaded().p50()).isLessThan(non.loaded().p50());
    assertThat(pre.p50Ratio()).isLessThan(non.p50Ratio());
    assertThat(pre.backgroundTasksPerSecond()).isBetween(600.0, 800.0);
  }

  @Test
  void aPinnedSeedGivesTheSameFiguresEveryTime() {
    QueueExperiments.FairResult a = QueueExperiments.fairShare(CLUSTER, "weighted-fair", WEIGHTS, "alice", "bob", 1.0, 2, 40);
    QueueExperiments.FairResult b = QueueExperiments.fairShare(CLUSTER, "weighted-fair", WEIGHTS, "alice", "bob", 1.0, 2, 40);
    assertThat(a).isEqualTo(b);
  }
}
