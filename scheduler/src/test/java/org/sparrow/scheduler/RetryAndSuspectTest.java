package org.sparrow.scheduler;

import org.sparrow.common.TaskState;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.RetryOptions;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.scheduler.job.TaskResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparrow.scheduler.SchedulerHarness.noops;
import static org.sparrow.scheduler.SchedulerHarness.success;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Task retries, suspect node monitors and handed-back reservations, on the core with fakes. */
class RetryAndSuspectTest {

  @Test
  void aTaskLostWithItsNodeMonitorRunsAgainElsewhereAndTheJobSucceeds() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 11);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0).withNotification("fe:1"));
    TaskLaunch first = h.launchOnly(id);
    String firstNode = h.dispatcher.enqueues.get(0).nodeId();
    assertThat(first.attempt()).isEqualTo(1);

    h.leave(firstNode);

    assertThat(h.notifier.notices).as("a retried task is not finished").isEmpty();
    String next = h.holder(id, firstNode);
    TaskLaunch second = h.dispatcher.ask(h.scheduler, next, id, 1).tasks().get(0);
    assertThat(second.attempt()).isEqualTo(2);
    assertThat(second.id()).isEqualTo(first.id());
    h.scheduler.tasksFinished(List.of(success(second, next).withAttempts(2, List.of())));

    JobStatus s = h.scheduler.status(id);
    assertThat(s.state()).isEqualTo(JobState.SUCCEEDED);
    TaskResult r = s.results().get(0);
    assertThat(r.attempt()).isEqualTo(2);
    assertThat(r.nodeMonitorId()).isEqualTo(next);
    assertThat(r.earlierAttempts()).singleElement().satisfies(a -> {
      assertThat(a.attempt()).isEqualTo(1);
      assertThat(a.nodeMonitorId()).isEqualTo(firstNode);
      assertThat(a.state()).isEqualTo(TaskState.LOST);
      assertThat(a.reason()).contains("left the cluster");
    });
  }

  @Test
  void aTaskLostOnEveryAttemptEndsFailedWithEveryReason() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(4), 12);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0)
        .withRetry(new RetryOptions(2, null, null, null)));
    h.launchOnly(id);
    String firstNode = h.dispatcher.enqueues.get(0).nodeId();
    h.leave(firstNode);
    String second = h.holder(id, firstNode);
    h.dispatcher.ask(h.scheduler, second, id, 1);
    h.leave(second);

    JobStatus s = h.scheduler.status(id);
    assertThat(s.state()).isEqualTo(JobState.FAILED);
    TaskResult r = s.results().get(0);
    assertThat(r.state()).isEqualTo(TaskState.FAILED);
    assertThat(r.attempt()).isEqualTo(2);
    assertThat(r.output()).contains("attempt 1 on " + firstNode).contains("attempt 2 on " + second);
  }

  @Test
  void backendTasksOfAJobThatIsNotIdempotentAreNotRetried() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 13);
    String id = h.scheduler.submit(JobRequest.of("app", List.of(TaskRequest.of("b", null, new byte[] {1})))
        .withProbeRatio(1.0).withRetry(new RetryOptions(null, false, null, null)));
    h.launchOnly(id);
    h.leave(h.dispatcher.enqueues.get(0).nodeId());

    assertThat(h.scheduler.status(id).results()).singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(TaskState.LOST));
  }

  @Test
  void aLostReportRetriesTheTaskOnAnotherNodeAndStaleReportsAreIgnored() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 14);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    TaskLaunch first = h.launchOnly(id);
    String firstNode = h.dispatcher.enqueues.get(0).nodeId();

    h.scheduler.tasksFinished(List.of(new TaskResult(first.id(), TaskState.LOST, -1, 0, firstNode,
        "backend refused the connection", 0, 1, List.of())));
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.RUNNING);
    assertThat(h.scheduler.getTasks(id, firstNode, 1).tasks()).as("never back to the same node").isEmpty();
    String next = h.holder(id, firstNode);
    TaskLaunch second = h.dispatcher.ask(h.scheduler, next, id, 1).tasks().get(0);

    // A late report of the first run, with or without its attempt number, changes nothing.
    h.scheduler.tasksFinished(List.of(success(first, firstNode).withAttempts(1, List.of())));
    h.scheduler.tasksFinished(List.of(success(first, firstNode)));
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.RUNNING);

    h.scheduler.tasksFinished(List.of(success(second, next)));
    assertThat(h.scheduler.status(id).results()).singleElement().satisfies(r -> {
      assertThat(r.state()).isEqualTo(TaskState.SUCCEEDED);
      assertThat(r.earlierAttempts()).singleElement()
          .satisfies(a -> assertThat(a.reason()).isEqualTo("backend refused the connection"));
    });
  }

  @Test
  void aRefusingNodeMonitorIsSuspectForEveryJobUntilItAnswers() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(4), 15);
    // Job A holds reservations on every node.
    String a = h.scheduler.submit(JobRequest.of("app", noops(4)).withProbeRatio(1.0));
    assertThat(h.dispatcher.heldBy("nm-01", a)).isEqualTo(1);

    h.dispatcher.refuseWhen = node -> node.equals("nm-01");
    // Job B's enqueue to nm-01 is refused: nm-01 is suspect for A too, A's slot there moves.
    String b = h.scheduler.submit(JobRequest.of("app", noops(4)).withProbeRatio(1.0));
    assertThat(h.dispatcher.failedEnqueues).extracting(FakeDispatcher.Sent::nodeId).containsOnly("nm-01");
    int placedForA = h.dispatcher.enqueues.stream().filter(s -> s.reservation().requestId().equals(a))
        .mapToInt(s -> s.reservation().count()).sum();
    assertThat(placedForA).as("A's lost slot re-placed").isEqualTo(5);

    // New jobs never sample the suspect node.
    int failedBefore = h.dispatcher.failedEnqueues.size();
    for (int i = 0; i < 10; i++) {
      String c = h.scheduler.submit(JobRequest.of("app", noops(3)).withProbeRatio(1.0));
      assertThat(h.dispatcher.nodesEnqueuedFor(c)).doesNotContain("nm-01");
    }
    assertThat(h.dispatcher.failedEnqueues).hasSize(failedBefore);

    // It answers again (it asks for tasks): it may be sampled again.
    h.dispatcher.refuseWhen = node -> false;
    h.scheduler.getTasks(a, "nm-01", 1);
    String d = h.scheduler.submit(JobRequest.of("app", noops(4)).withProbeRatio(1.0));
    assertThat(h.dispatcher.nodesEnqueuedFor(d)).contains("nm-01");
    assertThat(b).isNotNull();
  }

  private static org.sparrow.common.NodeMonitorInfo booted(int i, String bootId) {
    var n = Nodes.node(i);
    return new org.sparrow.common.NodeMonitorInfo(n.id(), n.host(), n.internalPort(), n.backendPort(),
        n.slots(), n.attributes(), n.backendApps(), n.commandEnabled(), bootId);
  }

  @Test
  void aSuspectRestartedOnItsAddressIsTrustedAgainOnceItsNewIncarnationIsListed() {
    List<org.sparrow.common.NodeMonitorInfo> nodes = new java.util.ArrayList<>();
    for (int i = 1; i <= 4; i++) {
      nodes.add(booted(i, "boot-" + i));
    }
    SchedulerHarness h = new SchedulerHarness(nodes, 21);
    h.dispatcher.refuseWhen = node -> node.equals("nm-01");  // killed
    h.scheduler.submit(JobRequest.of("app", noops(4)).withProbeRatio(1.0));
    String c = h.scheduler.submit(JobRequest.of("app", noops(3)).withProbeRatio(1.0));
    assertThat(h.dispatcher.nodesEnqueuedFor(c)).as("suspect").doesNotContain("nm-01");

    // The same incarnation listed again (its znode's data changed) proves nothing.
    h.scheduler.nodeSeen(booted(1, "boot-1"));
    c = h.scheduler.submit(JobRequest.of("app", noops(3)).withProbeRatio(1.0));
    assertThat(h.dispatcher.nodesEnqueuedFor(c)).doesNotContain("nm-01");

    // Restarted on the same address: it registers once it listens. Nothing of this scheduler
    // calls a suspect, so without this it stayed excluded until its old session expired and
    // beyond (seen in the fault suite: two restarted node monitors of four unused).
    h.dispatcher.refuseWhen = node -> false;
    h.members.put("nm-01", booted(1, "boot-1b"));
    h.scheduler.nodeSeen(booted(1, "boot-1b"));
    String d = h.scheduler.submit(JobRequest.of("app", noops(4)).withProbeRatio(1.0));
    assertThat(h.dispatcher.nodesEnqueuedFor(d)).contains("nm-01");
  }

  @Test
  void aSuspectHoldingNoWorkIsPingedAndTrustedWhenItAnswers() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(4), 22);
    String a = h.scheduler.submit(JobRequest.of("app", noops(4)).withProbeRatio(1.0));
    h.dispatcher.refuseWhen = node -> node.equals("nm-01");
    h.scheduler.checkLiveness();
    h.scheduler.cancel(a);  // no job holds anything there any more
    String c = h.scheduler.submit(JobRequest.of("app", noops(3)).withProbeRatio(1.0));
    assertThat(h.dispatcher.nodesEnqueuedFor(c)).doesNotContain("nm-01");

    h.dispatcher.refuseWhen = node -> false;  // back (a restart without a boot id, or a network blip)
    synchronized (h.dispatcher) {
      h.dispatcher.pings.clear();
    }
    h.scheduler.checkLiveness();

    assertThat(h.dispatcher.pings).contains("nm-01");
    String d = h.scheduler.submit(JobRequest.of("app", noops(4)).withProbeRatio(1.0));
    assertThat(h.dispatcher.nodesEnqueuedFor(d)).contains("nm-01");
  }

  @Test
  void theLivenessCheckRetriesTasksOfADeadNodeMonitorBeforeZooKeeperNotices() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 16);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    h.launchOnly(id);
    String node = h.dispatcher.enqueues.get(0).nodeId();

    h.scheduler.checkLiveness();
    assertThat(h.dispatcher.pings).contains(node);
    assertThat(h.scheduler.status(id).launchedTasks()).isEqualTo(1);

    h.dispatcher.refuseWhen = n -> n.equals(node);  // killed: nothing listens on its port
    h.scheduler.checkLiveness();

    assertThat(h.scheduler.status(id).launchedTasks()).as("back to unlaunched").isZero();
    String next = h.holder(id, node);
    assertThat(h.dispatcher.ask(h.scheduler, next, id, 1).tasks()).singleElement()
        .satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
  }

  /** Nodes that got a reservation of the job (or of its retries) after the first {@code skip} enqueues. */
  private static java.util.Set<String> enqueuedAfter(SchedulerHarness h, String id, int skip) {
    synchronized (h.dispatcher) {
      java.util.Set<String> out = new java.util.TreeSet<>();
      // A retry's reservations carry "id~n" (node monitors may have cancelled the job's own id).
      h.dispatcher.enqueues.stream().skip(skip).filter(e -> e.reservation().requestId().startsWith(id))
          .forEach(e -> out.add(e.nodeId()));
      return out;
    }
  }

  /** A one-task job's run lost with its node monitor: where it ran and where its retry went. */
  private record LostRun(String node, int enqueuesBefore, java.util.Set<String> replacedOn) {}

  /**
   * Launches the job's task from its first reservation, then kills that node monitor (nothing
   * answers its liveness ping) and runs the check that retries the task.
   */
  private static LostRun launchThenKill(SchedulerHarness h, String id) {
    String node = h.dispatcher.enqueues.get(0).nodeId();
    assertThat(h.dispatcher.ask(h.scheduler, node, id, 1).tasks()).hasSize(1);
    int before = h.dispatcher.enqueues.size();

    h.dispatcher.refuseWhen = n -> n.equals(node);  // killed
    h.scheduler.checkLiveness();

    java.util.Set<String> replaced = enqueuedAfter(h, id, before);
    assertThat(replaced).doesNotContain(node);
    return new LostRun(node, before, replaced);
  }

  private static java.util.Set<String> replacedAfterALostRun(double spread) {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(6), 17,
        org.sparrow.scheduler.placement.PlacementPolicies.defaults(), 1_000, b -> b.replacementSpread(spread));
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(2.0));
    assertThat(h.dispatcher.nodesEnqueuedFor(id)).hasSize(2);
    return launchThenKill(h, id).replacedOn();
  }

  @Test
  void aRetriedTaskSamplesUpToFourNodeMonitorsWhenThatManyAreLeft() {
    // 6 nodes, one lost: the job's ratio 2 would put the retry on 2 of the 5; the spread on 4.
    assertThat(replacedAfterALostRun(4)).hasSize(4);
    assertThat(replacedAfterALostRun(1)).as("the job's own ratio").hasSize(2);
  }

  @Test
  void aRetriedTaskNeverGetsTwoReservationsOnOneNodeMonitorForTheSpread() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 18);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    LostRun lost = launchThenKill(h, id);

    // Two nodes left: one reservation on each, not four over two.
    long reservations;
    synchronized (h.dispatcher) {
      reservations = h.dispatcher.enqueues.stream().skip(lost.enqueuesBefore())
          .filter(e -> e.reservation().requestId().startsWith(id)).mapToLong(e -> e.reservation().count()).sum();
    }
    assertThat(reservations).isEqualTo(2);
    assertThat(lost.replacedOn()).hasSize(2);
  }

  /** Whether each enqueue of the job after the first {@code skip} was marked for a retry. */
  private static List<Boolean> marksAfter(SchedulerHarness h, String id, int skip) {
    synchronized (h.dispatcher) {
      return h.dispatcher.enqueues.stream().skip(skip).filter(e -> e.reservation().requestId().startsWith(id))
          .map(e -> e.reservation().forRetry()).toList();
    }
  }

  @Test
  void aRetrysReservationsAreMarkedForNodeMonitorsToServeFirstAndOthersAreNot() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(4), 23);
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)).withProbeRatio(1.0));
    assertThat(marksAfter(h, id, 0)).as("first placement").isNotEmpty().containsOnly(false);

    LostRun lost = launchThenKill(h, id);
    assertThat(marksAfter(h, id, lost.enqueuesBefore())).as("the retry's re-placement")
        .isNotEmpty().containsOnly(true);

    // A handed-back reservation lost no run: re-placed unmarked.
    String other = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    String node = h.dispatcher.nodesEnqueuedFor(other).iterator().next();
    int before = h.dispatcher.enqueues.size();
    synchronized (h.dispatcher) {
      h.dispatcher.held.get(node).remove(other);
    }
    h.scheduler.reservationsReturned(node, List.of(other));
    assertThat(marksAfter(h, other, before)).isNotEmpty().containsOnly(false);
  }

  @Test
  void withRetriesFirstOffARetrysReservationsAreOrdinary() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(4), 23,
        org.sparrow.scheduler.placement.PlacementPolicies.defaults(), 1_000, b -> b.retriesFirst(false));
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)).withProbeRatio(1.0));
    LostRun lost = launchThenKill(h, id);
    assertThat(marksAfter(h, id, lost.enqueuesBefore())).isNotEmpty().containsOnly(false);
  }

  @Test
  void aFrozenNodeMonitorIsSuspectAfterConsecutiveFailedPings() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 17);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    h.launchOnly(id);
    String node = h.dispatcher.enqueues.get(0).nodeId();
    h.dispatcher.pingTimesOut = n -> n.equals(node);

    h.scheduler.checkLiveness();
    h.scheduler.checkLiveness();
    assertThat(h.scheduler.status(id).launchedTasks()).as("two timeouts are not enough").isEqualTo(1);
    h.scheduler.checkLiveness();
    assertThat(h.scheduler.status(id).launchedTasks()).isZero();
  }

  @Test
  void returnedReservationsArePlacedOnOtherNodeMonitors() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 18);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    String node = h.dispatcher.enqueues.get(0).nodeId();
    synchronized (h.dispatcher) {
      h.dispatcher.held.get(node).remove(id);
    }

    h.scheduler.reservationsReturned(node, List.of(id, "unknown/request"));

    assertThat(h.dispatcher.enqueues).hasSize(2);
    assertThat(h.dispatcher.enqueues.get(1).nodeId()).isNotEqualTo(node);
    String next = h.dispatcher.enqueues.get(1).nodeId();
    TaskLaunch t = h.dispatcher.ask(h.scheduler, next, id, 1).tasks().get(0);
    assertThat(t.attempt()).as("it never ran: still the first attempt").isEqualTo(1);
  }

  @Test
  void aRetryAfterProactiveCancellationUsesAReservationIdNodeMonitorsHaveNotCancelled() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(2), 19);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(2.0));
    assertThat(h.dispatcher.nodesEnqueuedFor(id)).containsExactlyInAnyOrder("nm-01", "nm-02");
    TaskLaunch first = h.dispatcher.ask(h.scheduler, "nm-01", id, 1).tasks().get(0);
    assertThat(h.dispatcher.cancels.get("nm-02")).as("leftover cancelled").containsExactly(id);

    h.leave("nm-01");

    Reservation again = h.dispatcher.enqueues.get(h.dispatcher.enqueues.size() - 1).reservation();
    assertThat(again.requestId()).as("not the cancelled id").isEqualTo(id + "~1");
    TaskLaunch second = h.dispatcher.ask(h.scheduler, "nm-02", again.requestId(), 1).tasks().get(0);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.id().requestId()).as("tasks keep the job's id").isEqualTo(id);
    h.scheduler.tasksFinished(List.of(success(second, "nm-02")));
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.SUCCEEDED);
  }
}
