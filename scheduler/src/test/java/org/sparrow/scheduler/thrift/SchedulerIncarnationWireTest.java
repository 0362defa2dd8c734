package org.sparrow.scheduler.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.InMemoryClusterDirectory;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.scheduler.SchedulerConfig;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.scheduler.SchedulerMetrics;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.TGetTasksResponse;
import org.sparrow.thrift.TJobState;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskLaunch;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.TTaskState;
import org.sparrow.thrift.TTaskSpec;
import org.sparrow.thrift.TUserGroupInfo;

/**
 * The scheduler's incarnation over real Thrift on 127.0.0.1: its reservations carry the boot id
 * it registered, and a getTasks naming another incarnation (the process it replaced on this
 * address) gets nothing, even for a request id it knows; a completion report naming another
 * incarnation is ignored likewise.
 */
class SchedulerIncarnationWireTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final InMemoryClusterDirectory directory = new InMemoryClusterDirectory("test");
  private SchedulerDaemon daemon;
  private FakeNodeMonitor nm;
  private ClientPool<SchedulerService.Client> frontend;
  private ClientPool<SchedulerInternalService.Client> internal;

  @BeforeEach
  void start() throws Exception {
    daemon = SchedulerDaemon.builder().directory(directory).config(SchedulerConfig.builder().bindHost("127.0.0.1")
        .advertisedHost("127.0.0.1").port(0).internalPort(0).rpcThreads(2).serverThreads(2).tickMs(20).build())
        .random(new Random(5)).build();
    daemon.start();
    nm = new FakeNodeMonitor(true, Map.of());  // holds its reservations: the test asks for the tasks
    directory.register(nm.info());
    frontend = ClientPool.builder(SchedulerService.Client::new).build();
    internal = ClientPool.builder(SchedulerInternalService.Client::new).build();
  }

  @AfterEach
  void stop() throws Exception {
    daemon.close();
    nm.close();
    frontend.close();
    internal.close();
  }

  @Test
  void reservationsCarryTheRegisteredBootIdAndAnotherIncarnationsGetTasksGetsNothing() throws Exception {
    String registered = directory.schedulers().snapshot().get(daemon.id()).bootId();
    assertThat(registered).isNotEmpty();
    await().atMost(WAIT).until(() -> daemon.knownNodeMonitors().size() == 1);

    String id = frontend.call(daemon.address(), c -> c.submitJobWithId(oneNoop()));
    await().atMost(WAIT).until(() -> !nm.reservations.isEmpty());
    TReservation r = nm.reservations.get(0);
    assertThat(r.getRequestId()).isEqualTo(id);
    assertThat(r.getSchedulerBootId()).isEqualTo(registered);

    // As a node monitor echoes a reservation the process before this one placed.
    TGetTasksResponse stale = getTasks(r, "the-previous-boot");
    assertThat(stale.getTasks()).isEmpty();
    assertThat(stale.isExhausted()).isTrue();
    assertThat(frontend.call(daemon.address(), c -> c.getJobStatus(id)).getLaunchedTasks())
        .as("nothing was handed out").isZero();
    assertThat(daemon.metrics().meter(SchedulerMetrics.GET_TASKS_OTHER_INCARNATION).getCount()).isEqualTo(1);
    assertThat(daemon.metrics().meter(SchedulerMetrics.NODES_SUSPECTED).getCount()).isZero();

    TGetTasksResponse ours = getTasks(r, r.getSchedulerBootId());
    assertThat(ours.getTasks()).singleElement()
        .satisfies(t -> assertThat(t.getTaskId().getRequestId()).isEqualTo(id));
  }

  @Test
  void aReportAboutTasksAnotherIncarnationPlacedIsIgnoredAndOneNamingNoneIsAccepted() throws Exception {
    await().atMost(WAIT).until(() -> daemon.knownNodeMonitors().size() == 1);
    TSchedulingRequest two = oneNoop();
    TTaskSpec second = two.getTasks().get(0).deepCopy();
    second.setTaskId("t1");
    two.setTasks(List.of(two.getTasks().get(0), second));
    String id = frontend.call(daemon.address(), c -> c.submitJobWithId(two));
    await().atMost(WAIT).until(() -> !nm.reservations.isEmpty());
    TReservation r = nm.reservations.get(0);
    List<TTaskLaunch> tasks = internal.call(daemon.internalAddress(), c -> c.getTasks(
        new TGetTasksRequest(r.getRequestId(), r.getNodeMonitorId(), 2).setSchedulerBootId(r.getSchedulerBootId())))
        .getTasks();
    assertThat(tasks).hasSize(2);

    // The same task ids, as a node monitor reports what the process before this one placed.
    report(succeeded(tasks.get(0), r).setSchedulerBootId("the-previous-boot"));
    assertThat(frontend.call(daemon.address(), c -> c.getJobStatus(id)).getFinishedTasks()).isZero();
    assertThat(daemon.metrics().meter(SchedulerMetrics.TASKS_FINISHED_OTHER_INCARNATION).getCount()).isEqualTo(1);

    report(succeeded(tasks.get(0), r).setSchedulerBootId(r.getSchedulerBootId()));
    report(succeeded(tasks.get(1), r));  // an older node monitor: the field unset, accepted
    await().atMost(WAIT).until(() -> frontend.call(daemon.address(), c -> c.getJobStatus(id)).getState()
        == TJobState.SUCCEEDED);
    assertThat(daemon.metrics().meter(SchedulerMetrics.TASKS_FINISHED_OTHER_INCARNATION).getCount()).isEqualTo(1);
  }

  @Test
  void reservationsAnotherIncarnationPlacedHandedBackAreNotReplaced() throws Exception {
    await().atMost(WAIT).until(() -> daemon.knownNodeMonitors().size() == 1);
    String id = frontend.call(daemon.address(), c -> c.submitJobWithId(oneNoop()));
    await().atMost(WAIT).until(() -> !nm.reservations.isEmpty());
    TReservation r = nm.reservations.get(0);

    internal.run(daemon.internalAddress(), c -> {
      c.reservationsReturned(r.getNodeMonitorId(), List.of(id), "the-previous-boot");
      return null;
    });
    assertThat(daemon.metrics().meter(SchedulerMetrics.RESERVATIONS_RETURNED_OTHER_INCARNATION).getCount())
        .isEqualTo(1);
    assertThat(daemon.metrics().meter(SchedulerMetrics.RESERVATIONS_REPLACED).getCount()).isZero();
  }

  private static TTaskResult succeeded(TTaskLaunch t, TReservation r) {
    return new TTaskResult().setTaskId(t.getTaskId()).setState(TTaskState.SUCCEEDED).setExitCode(0)
        .setNodeMonitorId(r.getNodeMonitorId()).setAttempt(t.isSetAttempt() ? t.getAttempt() : 1);
  }

  private void report(TTaskResult result) throws Exception {
    internal.run(daemon.internalAddress(), c -> {
      c.tasksFinished(List.of(result));
      return null;
    });
  }

  private TGetTasksResponse getTasks(TReservation r, String schedulerBootId) throws Exception {
    TGetTasksRequest request = new TGetTasksRequest(r.getRequestId(), r.getNodeMonitorId(), 1)
        .setSchedulerBootId(schedulerBootId);
    return internal.call(daemon.internalAddress(), c -> c.getTasks(request));
  }

  private static TSchedulingRequest oneNoop() {
    TTaskSpec t = new TTaskSpec();
    t.setTaskId("t0");
    t.setMessage(new byte[0]);
    t.setKind("noop");
    TSchedulingRequest r = new TSchedulingRequest();
    r.setApp("app");
    r.setTasks(List.of(t));
    r.setUser(new TUserGroupInfo("alice", "staff", 0));
    return r;
  }
}
