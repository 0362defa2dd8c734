package org.sparrow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sparrow.scheduler.SchedulerHarness.noops;

import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.RetryOptions;

/**
 * A job with a client lease is given up once its frontend could not be reached for the lease's
 * length (the client sends it elsewhere then), and runs on while heartbeats reach it. Fake clock.
 */
class ClientLeaseTest {

  private static final long LEASE_MS = 5_000;

  private static String submitLeased(SchedulerHarness h) {
    return h.scheduler.submit(JobRequest.of("app", noops(2)).withNotification("127.0.0.1:7001")
        .withRetry(new RetryOptions(null, null, "key-1", null, LEASE_MS)));
  }

  /** Heartbeats and expiry as the daemon's timers drive them, every 100 ms for {@code ms}. */
  private static void run(SchedulerHarness h, long ms) {
    for (long t = 0; t < ms; t += 100) {
      h.clock.advanceMs(100);
      h.scheduler.heartbeatFrontends();
      h.scheduler.expireDue();
    }
  }

  @Test
  void aJobWhoseClientCannotBeReachedIsGivenUpWhenItsLeaseEnds() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 31);
    String id = submitLeased(h);
    String node = h.dispatcher.nodesEnqueuedFor(id).iterator().next();
    assertThat(h.dispatcher.ask(h.scheduler, node, id, 1).tasks()).hasSize(1);  // one task runs

    run(h, LEASE_MS - 200);
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.RUNNING);
    assertThat(h.notifier.heartbeats).as("one a second").hasSizeBetween(4, 5)
        .allSatisfy(f -> assertThat(f).isEqualTo(new HostPort("127.0.0.1", 7001)));

    run(h, 300);
    assertThat(h.scheduler.activeJobs()).isZero();
    // Forgotten: a client that still asks hears "unknown job" and sends it elsewhere too.
    assertThatThrownBy(() -> h.scheduler.status(id)).isInstanceOf(IllegalArgumentException.class);
    assertThat(h.notifier.notices).as("no CANCELLED notices to a client that moved the job").isEmpty();
    // Its key is free again: a resubmission here with it is a new job, not the given-up one.
    String again = submitLeased(h);
    assertThat(again).isNotEqualTo(id);
    assertThat(h.scheduler.status(again).state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void heartbeatsThatReachTheClientKeepTheJob() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 32);
    h.notifier.frontendsReachable = true;
    String id = submitLeased(h);

    run(h, 4 * LEASE_MS);
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.RUNNING);

    // Cut off from its client: the lease runs out from the last heartbeat that reached it.
    h.notifier.frontendsReachable = false;
    run(h, LEASE_MS - 1_200);
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.RUNNING);
    run(h, 1_300);
    assertThat(h.scheduler.activeJobs()).isZero();
    assertThatThrownBy(() -> h.scheduler.status(id)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void jobsWithoutALeaseAreNeverGivenUp() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 33);
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)).withNotification("127.0.0.1:7001"));
    run(h, 3 * LEASE_MS);
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.RUNNING);
    assertThat(h.notifier.heartbeats).isEmpty();
  }

  @Test
  void aHungFrontendHoldsOneHeartbeatAtATimeAndItsLeaseEnds() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 34);
    h.notifier.heartbeatsHang = true;
    String id = submitLeased(h);
    run(h, LEASE_MS + 200);
    assertThat(h.notifier.heartbeats).as("the first never came back").hasSize(1);
    assertThat(h.scheduler.activeJobs()).isZero();
    assertThatThrownBy(() -> h.scheduler.status(id)).isInstanceOf(IllegalArgumentException.class);
  }
}
