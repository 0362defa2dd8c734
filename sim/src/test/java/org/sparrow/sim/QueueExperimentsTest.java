package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The queue experiments on a small simulated cluster (pinned seed): the policies' conclusions. */
class QueueExperimentsTest {

  private static final SimConfig CLUSTER = new SimConfig(20, 4, 2, 8, TimeUnit.MILLISECONDS.toNanos(100),
      DurationDistribution.CONSTANT, true, 1, 0, TimeUnit.MICROSECONDS.toNanos(500), 2.0, 7);

  @Test
  void priorityShieldsTheForegroundFromTheBacklogAndFifoDoesNot() {
    QueueExperiments.PriorityResult fifo = QueueExperiments.priority(CLUSTER, "fifo", 3);
    QueueExperiments.PriorityResult priority = QueueExperiments.priority(CLUSTER, "priority", 3);
    // Alone, the policies agree; next to the overload, only priority keeps the foreground fast.
    assertThat(priority.idle().p50()).isEqualTo(fifo.idle().p50());
    assertThat(priority.loaded().p99()).isLessThan(fifo.loaded().p50() / 3);
  }

  @Test
  void weightedFairSplitsTheClusterByWeightAndHandsItAllOnWhenOneUserStops() {
    QueueExperiments.FairResult r = QueueExperiments.fairShare(CLUSTER, "weighted-fair", 1.0, 4);
    assertThat(r.alice()).isBetween(0.70, 0.80);
    assertThat(r.bob()).isBetween(0.20, 0.30);
    assertThat(r.catchUpMs()).isLessThan(1_000);
    QueueExperiments.FairResult fifo = QueueExperiments.fairShare(CLUSTER, "fifo", 1.0, 4);
    assertThat(fifo.alice()).isBetween(0.40, 0.60);
  }
}
