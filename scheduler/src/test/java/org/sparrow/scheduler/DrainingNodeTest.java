package org.sparrow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparrow.scheduler.SchedulerHarness.noops;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A node monitor that says it drains is sampled by no job from then on, while it is still listed. */
class DrainingNodeTest {

  @Test
  void aDrainingNodeMonitorGetsNoNewReservations() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 51);
    h.scheduler.nodeDraining("nm-01", "");
    for (int i = 0; i < 20; i++) {
      h.scheduler.submit(JobRequest.of("app", noops(1)));
    }
    assertThat(h.dispatcher.enqueues).isNotEmpty()
        .allSatisfy(s -> assertThat(s.nodeId()).isNotEqualTo("nm-01"));
  }

  @Test
  void handingReservationsBackAlsoMarksItDraining() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 52);
    h.scheduler.reservationsReturned("nm-02", List.of("no-such-request"));
    for (int i = 0; i < 20; i++) {
      h.scheduler.submit(JobRequest.of("app", noops(1)));
    }
    assertThat(h.dispatcher.enqueues).allSatisfy(s -> assertThat(s.nodeId()).isNotEqualTo("nm-02"));
  }
}
