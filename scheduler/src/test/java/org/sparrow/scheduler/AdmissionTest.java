package org.sparrow.scheduler;

import org.sparrow.common.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sparrow.scheduler.SchedulerHarness.success;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.StaticMembership;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.scheduler.job.TaskResult;

/**
 * What the scheduler accepts that the original Sparrow accepted (scheduler.admission), over
 * fakes and a manual clock: empty jobs, jobs before their backend, host names in preferences,
 * duplicate task ids, and no exception for any original-style request.
 */
class AdmissionTest {

  private final StaticMembership<NodeMonitorInfo> members = new StaticMembership<>();
  private final FakeDispatcher dispatcher = new FakeDispatcher();
  private final RecordingNotifier notifier = new RecordingNotifier();
  private final ManualClock clock = new ManualClock();
  private final FakeResolver resolver = new FakeResolver();

  private Scheduler scheduler(UnaryOperator<SchedulerBuilder> extra) {
    Scheduler s = extra.apply(Scheduler.builder()
        .identity(new HostPort("sched", 20503)).bootId("boot")
        .nodeMonitors(members).dispatcher(dispatcher).notifier(notifier)
        .random(new java.util.Random(7)).clock(clock).hostResolver(resolver, 30_000)
        .maxTasksPerJob(50)).build();
    // As the daemon does: every membership change lets waiting jobs try again.
    members.addListener(new RetryWaitingJobs(s));
    return s;
  }

  private Scheduler scheduler() {
    return scheduler(b -> b);
  }

  private static NodeMonitorInfo node(String id, String host, String... apps) {
    return new NodeMonitorInfo(id, host, 20502, 20501, 4, Map.of(), Set.of(apps), false);
  }

  private void join(NodeMonitorInfo n) {
    members.put(n.id(), n);
  }

  /** Backend tasks with no options: what an original frontend sends. */
  private static JobRequest original(String app, String... taskIds) {
    List<TaskRequest> tasks = new ArrayList<>();
    for (String id : taskIds) {
      tasks.add(new TaskRequest(id, String.valueOf(id).getBytes(StandardCharsets.UTF_8), null, List.of(), Map.of()));
    }
    return JobRequest.of(app, tasks);
  }

  private static JobRequest preferring(String app, String taskId, String... hosts) {
    return JobRequest.of(app, List.of(new TaskRequest(taskId, new byte[0], null, List.of(hosts), Map.of())));
  }

  /** Runs every task the node monitors were given to completion, as node monitors would. */
  private List<TaskLaunch> runAll(Scheduler s, String requestId) {
    List<TaskLaunch> launched = new ArrayList<>();
    for (String nodeId : dispatcher.nodesEnqueuedFor(requestId)) {
      while (dispatcher.heldBy(nodeId, requestId) > 0) {
        TaskBatch b = dispatcher.ask(s, nodeId, requestId, 4);
        launched.addAll(b.tasks());
        s.tasksFinished(b.tasks().stream().map(t -> success(t, nodeId)).toList());
      }
    }
    return launched;
  }

  @Test
  void anEmptyJobIsANoOpThatHasFinished() {
    Scheduler s = scheduler();

    String id = s.submit(JobRequest.of("app", List.of()));
    String withNoList = s.submit(JobRequest.of(null, null));

    assertThat(s.status(id).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(s.status(id).totalTasks()).isZero();
    assertThat(s.status(withNoList).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(dispatcher.enqueues).isEmpty();
    assertThat(s.activeJobs()).isZero();
  }

  @Test
  void aJobBeforeAnyBackendOfItsAppWaitsAndRunsOnceOneRegisters() {
    join(node("nm-1", "10.0.0.1", "other"));
    Scheduler s = scheduler();

    String id = s.submit(original("legacy", "a", "b", "c"));

    assertThat(s.status(id).state()).isEqualTo(JobState.RUNNING);
    assertThat(s.status(id).launchedTasks()).isZero();
    assertThat(s.activeJobs()).isEqualTo(1);
    assertThat(dispatcher.enqueues).isEmpty();

    join(node("nm-2", "10.0.0.2"));  // a change that does not help: still waiting
    assertThat(dispatcher.enqueues).isEmpty();
    join(node("nm-1", "10.0.0.1", "other", "legacy"));  // the backend registered

    assertThat(dispatcher.nodesEnqueuedFor(id)).containsExactly("nm-1");
    assertThat(runAll(s, id)).extracting(t -> t.id().taskId()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(s.status(id).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(s.activeJobs()).isZero();
  }

  @Test
  void aJobSubmittedToAClusterWithoutNodeMonitorsWaitsForOne() {
    Scheduler s = scheduler();

    String id = s.submit(original("legacy", "a"));
    assertThat(s.status(id).state()).isEqualTo(JobState.RUNNING);
    join(node("nm-1", "10.0.0.1", "legacy"));

    assertThat(runAll(s, id)).hasSize(1);
    assertThat(s.status(id).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void aWaitingJobFailsAtItsDeadlineThroughStatusAndNotifications() {
    join(node("nm-1", "10.0.0.1", "other"));
    Scheduler s = scheduler();
    JobRequest r = original("legacy", "a", "b").withTimeoutMs(5_000L).withNotification("frontend:9000");

    String id = s.submit(r);
    clock.advanceMs(4_999);
    s.expireDue();
    assertThat(s.status(id).state()).isEqualTo(JobState.RUNNING);
    clock.advanceMs(1);
    s.expireDue();

    JobStatus st = s.status(id);
    assertThat(st.state()).isEqualTo(JobState.FAILED);
    assertThat(st.failureReason()).contains("deadline of 5000 ms");
    assertThat(st.results()).extracting(TaskResult::state).containsOnly(TaskState.TIMED_OUT);
    assertThat(notifier.notices).hasSize(2)
        .allSatisfy(n -> assertThat(n.frontend()).isEqualTo(new HostPort("frontend", 9000)));
    assertThat(s.activeJobs()).isZero();

    join(node("nm-1", "10.0.0.1", "other", "legacy"));  // too late: nothing starts
    assertThat(dispatcher.enqueues).isEmpty();
  }

  @Test
  void withoutADeadlineAJobWaitsAsLongAsItTakes() {
    Scheduler s = scheduler();
    String id = s.submit(original("legacy", "a"));

    clock.advanceMs(30L * 24 * 3600 * 1000);
    s.expireDue();

    assertThat(s.status(id).state()).isEqualTo(JobState.RUNNING);
    join(node("nm-1", "10.0.0.1", "legacy"));
    assertThat(runAll(s, id)).hasSize(1);
    assertThat(s.status(id).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void placementStyleRequestsAreRefusedWhenNoNodeMonitorCanRunThem() {
    Scheduler s = scheduler();
    assertThatThrownBy(() -> s.submit(JobRequest.of("app", List.of(TaskRequest.of("a", "noop", null)))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no node monitors are registered");

    join(node("nm-1", "10.0.0.1", "other"));
    assertThatThrownBy(() -> s.submit(original("legacy", "a").withConstraints(Map.of("rack", "r1"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a backend for app 'legacy'");
    assertThat(s.activeJobs()).isZero();
  }

  @Test
  void anInvalidOriginalRequestIsAcceptedAndFailsAtOnceInsteadOfThrowing() {
    join(node("nm-1", "10.0.0.1", "legacy"));
    Scheduler s = scheduler();
    List<JobRequest> invalid = List.of(
        original(null, "a"),
        original(" ", "a"),
        JobRequest.of("legacy", Arrays.asList(new TaskRequest("a", null, null, null, null), null)),
        original("legacy", (String) null),
        original("legacy", "a").withProbeRatio(0.5),
        original("legacy", "a").withProbeRatio(Double.NaN),
        JobRequest.of("legacy", SchedulerHarness.tasks("t", 51, null, "")),
        JobRequest.of("legacy", List.of(new TaskRequest("a", null, null, List.of(" "), Map.of()))));

    for (JobRequest r : invalid) {
      String id = s.submit(r);
      JobStatus st = s.status(id);
      assertThat(st.state()).as("%s", r).isEqualTo(JobState.FAILED);
      assertThat(st.failureReason()).as("%s", r).startsWith("refused: ");
    }
    assertThat(s.status(s.submit(original(null, "a"))).failureReason()).contains("app is missing");
    assertThat(dispatcher.enqueues).isEmpty();
    assertThat(s.activeJobs()).isZero();

    String fine = s.submit(original("legacy", "ok"));
    assertThat(runAll(s, fine)).hasSize(1);
  }

  @Test
  void requestsThatUseTheExtensionsStillGetTheException() {
    join(node("nm-1", "10.0.0.1", "legacy"));
    Scheduler s = scheduler();

    assertThatThrownBy(() -> s.submit(original("legacy", "a").withTimeoutMs(-1L)))
        .hasMessageContaining("timeoutMs must not be negative");
    assertThatThrownBy(() -> s.submit(original(null, "a").withTimeoutMs(1_000L)))
        .hasMessageContaining("app is missing");
    assertThatThrownBy(() -> s.submit(original("legacy", "a", "a").withTimeoutMs(1_000L)))
        .hasMessageContaining("duplicate taskId 'a'");
    assertThatThrownBy(() -> s.submit(JobRequest.of("legacy", List.of(TaskRequest.of("a", "warp", null)))))
        .hasMessageContaining("unknown task kind 'warp'");
  }

  @Test
  void duplicateTaskIdsOfAnOriginalJobAreRenamedApartAndAllRun() {
    join(node("nm-1", "10.0.0.1", "legacy"));
    Scheduler s = scheduler();

    String id = s.submit(original("legacy", "t", "t", "t#2", "t"));

    assertThat(runAll(s, id)).extracting(t -> t.id().taskId())
        .containsExactlyInAnyOrder("t", "t#3", "t#2", "t#4");
    JobStatus st = s.status(id);
    assertThat(st.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(st.results()).hasSize(4);
  }

  @Test
  void hostNamesInPreferencesMatchNodeMonitorsByAddress() {
    join(node("nm-1", "10.0.0.1", "legacy"));
    join(node("nm-2", "10.0.0.2", "legacy"));
    join(node("nm-3", "10.0.0.3", "legacy"));
    resolver.name("datanode-2.example.org", "10.0.0.2");
    Scheduler s = scheduler();

    String byName = s.submit(preferring("legacy", "a", "datanode-2.example.org", "unresolvable"));
    String byIp = s.submit(preferring("legacy", "b", "10.0.0.3"));

    assertThat(dispatcher.nodesEnqueuedFor(byName)).containsExactly("nm-2");
    assertThat(dispatcher.nodesEnqueuedFor(byIp)).containsExactly("nm-3");
    assertThat(runAll(s, byName)).hasSize(1);
  }

  @Test
  void localhostAndThisMachinesNamesAllMeanTheNodeMonitorsOnThisMachine() {
    join(node("nm-local", "127.0.0.1", "legacy"));
    join(node("nm-other", "10.0.0.9", "legacy"));
    resolver.name("this-machine", "192.168.7.7").local("192.168.7.7");
    Scheduler s = scheduler();

    for (String name : List.of("localhost", "LOCALHOST", "this-machine", "192.168.7.7", "127.0.0.1")) {
      String id = s.submit(preferring("legacy", "a", name));
      assertThat(dispatcher.nodesEnqueuedFor(id)).as(name).containsExactly("nm-local");
    }
  }

  @Test
  void aPreferenceForAHostNotInTheClusterYetWaitsUntilItJoins() {
    join(node("nm-1", "10.0.0.1", "legacy"));
    resolver.name("late.example.org", "10.0.0.5");
    Scheduler s = scheduler();

    String id = s.submit(preferring("legacy", "a", "late.example.org"));
    assertThat(s.status(id).state()).isEqualTo(JobState.RUNNING);
    assertThat(dispatcher.enqueues).isEmpty();

    join(node("nm-5", "10.0.0.5", "legacy"));
    assertThat(dispatcher.nodesEnqueuedFor(id)).containsExactly("nm-5");
  }

  @Test
  void lookupsAreCachedAcrossJobs() {
    join(node("nm-1", "10.0.0.1", "legacy"));
    resolver.name("dn1", "10.0.0.1");
    Scheduler s = scheduler();

    for (int i = 0; i < 20; i++) {
      s.submit(preferring("legacy", "a", "dn1"));
    }
    // One for the name, one for the node monitor's host.
    assertThat(resolver.lookups).hasValue(2);
  }

  @Test
  void theTimerAlsoTriesWaitingJobsWhenThePlacementViewChanged() {
    // No listener: as if the event were missed, or suspects cleared (which is no membership event).
    Scheduler s = Scheduler.builder().identity(new HostPort("sched", 20503)).bootId("boot")
        .nodeMonitors(members).dispatcher(dispatcher).clock(clock).hostResolver(resolver, 30_000).build();
    String id = s.submit(original("legacy", "a"));
    s.expireDue();
    assertThat(dispatcher.enqueues).isEmpty();

    join(node("nm-1", "10.0.0.1", "legacy"));
    s.expireDue();

    assertThat(dispatcher.nodesEnqueuedFor(id)).containsExactly("nm-1");
  }

  @Test
  void theWaitingQueueIsBoundedAndAFullQueueRefusesAsTheStyleSays() {
    Scheduler s = scheduler(b -> b.waitingJobs(2, 100));
    s.submit(original("legacy", "a"));
    s.submit(original("legacy", "a"));

    String third = s.submit(original("legacy", "a"));
    assertThat(s.status(third).state()).isEqualTo(JobState.FAILED);
    assertThat(s.status(third).failureReason()).contains("2 jobs with 2 tasks already wait");
    assertThatThrownBy(() -> s.submit(original("legacy", "a").withTimeoutMs(1_000L)))
        .hasMessageContaining("already wait");
    assertThat(s.activeJobs()).isEqualTo(2);
  }
}
