package org.sparrow.scheduler;

import org.sparrow.scheduler.job.JobRequest;

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

  @Test
  void theDrainEndsWhenANewIncarnationRegistersUnderTheId() {
    SchedulerHarness h = new SchedulerHarness(java.util.List.of(booted(1, "old"), booted(2, "b2")), 53);
    h.scheduler.reservationsReturned("nm-01", List.of("no-such-request"));  // boot id not said
    for (int i = 0; i < 10; i++) {
      h.scheduler.submit(JobRequest.of("app", noops(1)));
    }
    assertThat(h.dispatcher.enqueues).allSatisfy(s -> assertThat(s.nodeId()).isNotEqualTo("nm-01"));

    org.sparrow.common.NodeMonitorInfo restarted = booted(1, "new");
    h.members.put(restarted.id(), restarted);
    h.scheduler.nodeSeen(restarted);
    h.dispatcher.enqueues.clear();
    for (int i = 0; i < 40; i++) {
      h.scheduler.submit(JobRequest.of("app", noops(1)));
    }
    assertThat(h.dispatcher.enqueues).anySatisfy(s -> assertThat(s.nodeId()).isEqualTo("nm-01"));
  }

  private static org.sparrow.common.NodeMonitorInfo booted(int i, String boot) {
    org.sparrow.common.NodeMonitorInfo n = Nodes.node(i);
    return new org.sparrow.common.NodeMonitorInfo(n.id(), n.host(), n.internalPort(), n.backendPort(),
        n.slots(), n.attributes(), n.backendApps(), n.commandEnabled(), boot);
  }
}
