package org.sparrow.scheduler;

import org.sparrow.common.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sparrow.scheduler.SchedulerHarness.noops;
import static org.sparrow.scheduler.SchedulerHarness.success;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.RetryOptions;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.scheduler.job.TaskResult;

class SchedulerTest {

  @Test
  void requestIdsNameSchedulerBootAndCounter() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 1);

    assertThat(h.scheduler.submit(JobRequest.of("app", noops(1)))).isEqualTo("sched:20503/boot/1");
    assertThat(h.scheduler.submit(JobRequest.of("app", noops(1)))).isEqualTo("sched:20503/boot/2");
  }

  @Test
  void lateBindingHandsOutEachTaskExactlyOnceSeveralPerCall() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(5), 2);
    String id = h.scheduler.submit(JobRequest.of("app", noops(10)));

    // 2 x 10 reservations over 5 nodes: 4 each, one enqueue per node.
    assertThat(h.dispatcher.enqueues).hasSize(5)
        .allSatisfy(s -> assertThat(s.reservation().count()).isEqualTo(4));
    List<TaskLaunch> launched = new ArrayList<>();
    List<Integer> batchSizes = new ArrayList<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (NodeMonitorInfo n : Nodes.nodes(5)) {
        if (h.dispatcher.heldBy(n.id(), id) > 0) {
          TaskBatch b = h.dispatcher.ask(h.scheduler, n.id(), id, 3);
          launched.addAll(b.tasks());
          batchSizes.add(b.tasks().size());
          progress = true;
        }
      }
    }
    assertThat(launched).extracting(t -> t.id().taskId()).doesNotHaveDuplicates().hasSize(10);
    assertThat(batchSizes).contains(3);
    assertThat(launched).allSatisfy(t -> {
      assertThat(t.id().requestId()).isEqualTo(id);
      assertThat(t.id().schedulerAddress()).isEqualTo(new HostPort("sched", 20503));
      assertThat(t.kind()).isEqualTo("noop");
    });
    assertThat(h.scheduler.getTasks(id, "nm-01", 5)).isEqualTo(TaskBatch.EXHAUSTED);
    assertThat(h.scheduler.status(id).launchedTasks()).isEqualTo(10);

    h.scheduler.tasksFinished(launched.stream().map(t -> success(t, "nm-01")).toList());
    JobStatus s = h.scheduler.status(id);
    assertThat(s.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(s.finishedTasks()).isEqualTo(10);
    assertThat(s.results()).hasSize(10);
    assertThat(h.scheduler.activeJobs()).isZero();
  }

  @Test
  void exhaustedWhenTheJobHasNothingMoreForTheNode() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 3);
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)));

    TaskBatch first = h.scheduler.getTasks(id, "nm-01", 1);
    assertThat(first.tasks()).hasSize(1);
    assertThat(first.exhausted()).isFalse();
    TaskBatch second = h.scheduler.getTasks(id, "nm-01", 5);
    assertThat(second.tasks()).hasSize(1);
    assertThat(second.exhausted()).isTrue();
    // Unknown jobs and nodes never get tasks.
    assertThat(h.scheduler.getTasks("nope", "nm-01", 1)).isEqualTo(TaskBatch.EXHAUSTED);
    assertThat(h.scheduler.getTasks(id, "nm-77", 1)).isEqualTo(TaskBatch.EXHAUSTED);
  }

  @Test
  void cancelsEveryNodeWithLeftoverReservationsOnceAllTasksLaunched() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(10), 4);
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)));
    List<String> reserved = h.dispatcher.enqueues.stream().map(FakeDispatcher.Sent::nodeId).toList();
    assertThat(reserved).hasSize(4);

    assertThat(h.dispatcher.ask(h.scheduler, reserved.get(0), id, 1).tasks()).hasSize(1);
    assertThat(h.dispatcher.cancels).isEmpty();
    TaskBatch last = h.dispatcher.ask(h.scheduler, reserved.get(1), id, 1);
    assertThat(last.tasks()).hasSize(1);

    assertThat(h.dispatcher.nodesCancelledFor(id))
        .containsExactlyInAnyOrder(reserved.get(2), reserved.get(3));
    assertThat(h.dispatcher.cancels.values()).allSatisfy(ids -> assertThat(ids).containsExactly(id));
  }

  @Test
  void failedEnqueueIsReplacedOnOtherNodesNeverTheFailedOne() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 5);
    h.dispatcher.failWhen = node -> node.equals("nm-01");

    String id = h.scheduler.submit(JobRequest.of("app", noops(3)).withProbeRatio(1.0));

    assertThat(h.dispatcher.failedEnqueues).extracting(FakeDispatcher.Sent::nodeId).containsExactly("nm-01");
    int total = h.dispatcher.enqueues.stream().mapToInt(s -> s.reservation().count()).sum();
    assertThat(total).isEqualTo(3);
    assertThat(h.dispatcher.nodesEnqueuedFor(id)).containsExactlyInAnyOrder("nm-02", "nm-03");
    List<TaskLaunch> launched = new ArrayList<>();
    launched.addAll(h.dispatcher.ask(h.scheduler, "nm-02", id, 3).tasks());
    launched.addAll(h.dispatcher.ask(h.scheduler, "nm-03", id, 3).tasks());
    assertThat(launched).hasSize(3);
  }

  @Test
  void tasksFailExplicitlyWhenNoEligibleNodeIsLeft() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 6);
    h.dispatcher.failWhen = node -> true;

    String id = h.scheduler.submit(JobRequest.of("app", noops(2)).withNotification("fe:1"));

    JobStatus s = h.scheduler.status(id);
    assertThat(s.state()).isEqualTo(JobState.FAILED);
    assertThat(s.results()).hasSize(2).allSatisfy(r -> {
      assertThat(r.state()).isEqualTo(TaskState.FAILED);
      assertThat(r.output()).contains("no eligible node monitor");
    });
    assertThat(h.notifier.notices).hasSize(2);
  }

  @Test
  void nodeLossLosesItsLaunchedTasksAndReplacesItsReservations() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 7);
    String id = h.scheduler.submit(JobRequest.of("app", noops(3)).withProbeRatio(1.0).withNotification("fe:1")
        .withRetry(new RetryOptions(1, null, null, null)));
    assertThat(h.dispatcher.nodesEnqueuedFor(id)).containsExactlyInAnyOrder("nm-01", "nm-02", "nm-03");

    TaskLaunch onOne = h.dispatcher.ask(h.scheduler, "nm-01", id, 1).tasks().get(0);
    h.leave("nm-01");
    h.leave("nm-02");  // held a reservation, launched nothing

    assertThat(h.notifier.notices).singleElement().satisfies(n -> {
      assertThat(n.result().id().taskId()).isEqualTo(onOne.id().taskId());
      assertThat(n.result().state()).isEqualTo(TaskState.LOST);
      assertThat(n.result().nodeMonitorId()).isEqualTo("nm-01");
    });
    // nm-02's reservation moved to nm-03, the only node left.
    assertThat(h.dispatcher.heldBy("nm-03", id)).isEqualTo(2);
    List<TaskLaunch> rest = h.dispatcher.ask(h.scheduler, "nm-03", id, 2).tasks();
    assertThat(rest).hasSize(2);
    h.scheduler.tasksFinished(rest.stream().map(t -> success(t, "nm-03")).toList());

    JobStatus s = h.scheduler.status(id);
    assertThat(s.state()).isEqualTo(JobState.FAILED);
    assertThat(s.failureReason()).contains("1 of 3").contains("LOST");
  }

  @Test
  void deadlineTimesOutUnfinishedTasksAndFailsTheJob() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(4), 8);
    String id = h.scheduler.submit(JobRequest.of("app", noops(3)).withTimeoutMs(1_000L));
    String node = h.dispatcher.enqueues.get(0).nodeId();
    TaskLaunch t = h.dispatcher.ask(h.scheduler, node, id, 1).tasks().get(0);
    h.scheduler.tasksFinished(List.of(success(t, node)));

    h.clock.advanceMs(999);
    h.scheduler.expireDue();
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.RUNNING);
    TaskLaunch launchedNotFinished = h.dispatcher.ask(h.scheduler, node, id, 1).tasks().get(0);

    h.clock.advanceMs(1);
    h.scheduler.expireDue();
    JobStatus s = h.scheduler.status(id);
    assertThat(s.state()).isEqualTo(JobState.FAILED);
    assertThat(s.failureReason()).contains("deadline");
    assertThat(s.results()).extracting(TaskResult::state)
        .containsExactly(TaskState.SUCCEEDED, TaskState.TIMED_OUT, TaskState.TIMED_OUT);
    assertThat(h.dispatcher.held.values()).allSatisfy(m -> assertThat(m).doesNotContainKey(id));
    // A late report changes nothing.
    h.scheduler.tasksFinished(List.of(success(launchedNotFinished, node)));
    assertThat(h.scheduler.status(id)).isEqualTo(s);
  }

  @Test
  void perTaskPreferencesAreHonoured() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(6), 9);
    List<TaskRequest> tasks = new ArrayList<>(noops(4));
    tasks.add(new TaskRequest("pinned", new byte[0], "noop", List.of("host-04"), Map.of()));
    String id = h.scheduler.submit(JobRequest.of("app", tasks));

    Map<String, String> placedOn = drain(h, id, Nodes.nodes(6));

    assertThat(placedOn).hasSize(5).containsEntry("pinned", "nm-04");
  }

  @Test
  void tasksOfMixedKindsOnlyGoWhereTheyCanRun() {
    List<NodeMonitorInfo> nodes = new ArrayList<>(Nodes.nodes(3));
    for (int i = 4; i <= 6; i++) {  // no backend for the app here, but commands allowed
      nodes.add(new NodeMonitorInfo("nm-0" + i, "host-0" + i, 1, 2, 2, Map.of(), Set.of(), true));
    }
    SchedulerHarness h = new SchedulerHarness(nodes, 10);
    List<TaskRequest> tasks = new ArrayList<>(SchedulerHarness.tasks("backend", 3, null, "payload"));
    tasks.addAll(SchedulerHarness.tasks("cmd", 3, "command", "true"));
    tasks.addAll(SchedulerHarness.tasks("sleep", 3, "sleep", "1"));
    String id = h.scheduler.submit(JobRequest.of("app", tasks));

    Map<String, String> placedOn = drain(h, id, nodes);

    assertThat(placedOn).hasSize(9);
    placedOn.forEach((task, node) -> {
      int n = Integer.parseInt(node.substring(3));
      if (task.startsWith("backend")) {
        assertThat(n).as(task).isLessThanOrEqualTo(3);
      } else if (task.startsWith("cmd")) {
        assertThat(n).as(task).isGreaterThanOrEqualTo(4);
      }
    });
  }

  /** Node monitors ask (one task at a time) until none holds a reservation; task -> node. */
  private static Map<String, String> drain(SchedulerHarness h, String id, List<NodeMonitorInfo> nodes) {
    Map<String, String> placedOn = new HashMap<>();
    boolean progress = true;
    while (progress) {
      progress = false;
      for (NodeMonitorInfo n : nodes) {
        if (h.dispatcher.heldBy(n.id(), id) > 0) {
          for (TaskLaunch t : h.dispatcher.ask(h.scheduler, n.id(), id, 1).tasks()) {
            assertThat(placedOn.put(t.id().taskId(), n.id())).as("launched twice").isNull();
          }
          progress = true;
        }
      }
    }
    return placedOn;
  }

  @Test
  void completionNoticesOnlyForJobsThatOptIn() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(2), 11);
    h.scheduler.registerFrontend("app", new HostPort("registered", 9));
    String quiet = h.scheduler.submit(JobRequest.of("app", noops(2)));
    String explicit = h.scheduler.submit(JobRequest.of("app", noops(2)).withNotification("explicit:7"));
    String registered = h.scheduler.submit(JobRequest.of("app", noops(2)).withNotification(null));

    for (String id : List.of(quiet, explicit, registered)) {
      Map<String, String> placed = drain(h, id, Nodes.nodes(2));
      List<TaskResult> done = new ArrayList<>();
      placed.forEach((task, node) -> done.add(new TaskResult(
          new FullTaskId(task, id, "app", null), TaskState.SUCCEEDED, 0, 1, node, null, 1)));
      h.scheduler.tasksFinished(done);
    }

    assertThat(h.notifier.notices).hasSize(4);
    assertThat(h.notifier.notices).filteredOn(n -> n.result().id().requestId().equals(explicit))
        .hasSize(2).allSatisfy(n -> assertThat(n.frontend()).isEqualTo(new HostPort("explicit", 7)));
    assertThat(h.notifier.notices).filteredOn(n -> n.result().id().requestId().equals(registered))
        .hasSize(2).allSatisfy(n -> assertThat(n.frontend()).isEqualTo(new HostPort("registered", 9)));
  }

  @Test
  void relayGoesToTheRegisteredFrontendUnchanged() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 12);
    FullTaskId tid = new FullTaskId("t", "r", "app", new HostPort("sched", 1));
    h.scheduler.relay("app", tid, 3, new byte[] {1});  // nobody registered: dropped
    h.scheduler.registerFrontend("app", new HostPort("fe", 5));
    h.scheduler.relay("app", tid, 3, "hello".getBytes(StandardCharsets.UTF_8));

    assertThat(h.notifier.relayed).singleElement().satisfies(r -> {
      assertThat(r.frontend()).isEqualTo(new HostPort("fe", 5));
      assertThat(r.taskId()).isEqualTo(tid);
      assertThat(r.status()).isEqualTo(3);
      assertThat(new String(r.message(), StandardCharsets.UTF_8)).isEqualTo("hello");
    });
  }

  @Test
  void finishedJobsAreRetainedForABoundedTime() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 13);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)));
    TaskLaunch t = h.scheduler.getTasks(id, "nm-01", 1).tasks().get(0);
    h.scheduler.tasksFinished(List.of(success(t, "nm-01")));
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.SUCCEEDED);

    h.clock.advanceMs(600_001);
    h.scheduler.expireDue();
    assertThatThrownBy(() -> h.scheduler.status(id)).hasMessageContaining("unknown requestId");
  }

  @Test
  void duplicateAndUnknownReportsAreIgnored() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 14);
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)));
    TaskLaunch t = h.scheduler.getTasks(id, "nm-01", 1).tasks().get(0);
    TaskResult ok = success(t, "nm-01");
    h.scheduler.tasksFinished(List.of(ok, ok,
        new TaskResult(new FullTaskId("ghost", id, "app", null), TaskState.SUCCEEDED, 0, 0, "", null, 0),
        new TaskResult(new FullTaskId("t1", id, "app", null), TaskState.SUCCEEDED, 0, 0, "", null, 0)));

    JobStatus s = h.scheduler.status(id);
    assertThat(s.finishedTasks()).isEqualTo(1);  // t1 was never launched: its report is bogus
    assertThat(s.state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void distinctIdsAcrossSchedulersOnOneHost() {
    SchedulerHarness a = new SchedulerHarness(Nodes.nodes(1), 1);
    Scheduler b = Scheduler.builder().identity(new HostPort("sched", 20503)).nodeMonitors(a.members)
        .dispatcher(a.dispatcher).build();  // same address, fresh random boot id
    Set<String> ids = new HashSet<>();
    ids.add(a.scheduler.submit(JobRequest.of("app", noops(1))));
    ids.add(b.submit(JobRequest.of("app", noops(1))));
    assertThat(ids).hasSize(2);
  }
}
