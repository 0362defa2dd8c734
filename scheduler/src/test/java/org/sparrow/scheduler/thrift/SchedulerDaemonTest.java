package org.sparrow.scheduler.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.thrift.TException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.InMemoryClusterDirectory;
import org.sparrow.common.Registration;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.scheduler.SchedulerConfig;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.scheduler.SchedulerMetrics;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.THostPort;
import org.sparrow.thrift.TJobState;
import org.sparrow.thrift.TJobStatus;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.TTaskSpec;
import org.sparrow.thrift.TTaskState;
import org.sparrow.thrift.TUserGroupInfo;
import org.sparrow.thrift.typesConstants;

/** The daemon over real Thrift on 127.0.0.1, with fake node monitors and frontends as real servers. */
class SchedulerDaemonTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final InMemoryClusterDirectory directory = new InMemoryClusterDirectory("test");
  private final List<AutoCloseable> closeLater = new ArrayList<>();
  private SchedulerDaemon daemon;
  private ClientPool<SchedulerService.Client> clients;

  @BeforeEach
  void startScheduler() throws Exception {
    daemon = SchedulerDaemon.builder().directory(directory).config(SchedulerConfig.builder().bindHost("127.0.0.1")
        .advertisedHost("127.0.0.1").port(0).internalPort(0).rpcThreads(4).serverThreads(4).tickMs(20).build())
        .random(new Random(17)).build();
    daemon.start();
    clients = ClientPool.builder(SchedulerService.Client::new).build();
  }

  @AfterEach
  void stop() throws Exception {
    daemon.close();
    clients.close();
    for (AutoCloseable c : closeLater) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T later(T c) {
    closeLater.add(c);
    return c;
  }

  private Registration<NodeMonitorInfo> register(FakeNodeMonitor nm) {
    return directory.register(nm.info());
  }

  private FakeNodeMonitor nodeMonitor(boolean lazy) throws Exception {
    FakeNodeMonitor nm = later(new FakeNodeMonitor(lazy, Map.of()));
    register(nm);
    return nm;
  }

  private <R> R call(org.sparrow.common.thrift.ThriftCall<SchedulerService.Client, R> rpc) throws TException {
    return clients.call(daemon.address(), rpc);
  }

  private static TSchedulingRequest job(int tasks, String kind) {
    List<TTaskSpec> specs = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      TTaskSpec t = new TTaskSpec();
      t.setTaskId("task-" + i);
      t.setMessage(new byte[0]);
      if (kind != null) {
        t.setKind(kind);
      }
      specs.add(t);
    }
    TSchedulingRequest r = new TSchedulingRequest();
    r.setApp("app");
    r.setTasks(specs);
    r.setUser(new TUserGroupInfo("alice", "staff", 0));
    return r;
  }

  private TJobStatus awaitEnd(String requestId) {
    return await().atMost(WAIT).until(() -> call(c -> c.getJobStatus(requestId)),
        s -> s.getState() != TJobState.RUNNING);
  }

  @Test
  void runsAJobEndToEndAndNotifiesTheFrontendThatOptedIn() throws Exception {
    List<FakeNodeMonitor> nms = List.of(nodeMonitor(false), nodeMonitor(false), nodeMonitor(false));
    FakeFrontend frontend = later(new FakeFrontend(0));
    TSchedulingRequest request = job(20, "noop");
    request.setNotifyCompletion(true);
    request.setFrontendAddress(frontend.address().toString());

    String id = call(c -> c.submitJobWithId(request));

    assertThat(id).startsWith(daemon.id() + "/");
    await().atMost(WAIT).until(() -> frontend.about(id).size() == 20);
    Set<String> reported = frontend.about(id).stream().map(m -> m.taskId().getTaskId()).collect(Collectors.toSet());
    assertThat(reported).hasSize(20);
    for (FakeFrontend.Message m : frontend.about(id)) {
      assertThat(m.status()).isEqualTo(typesConstants.STATUS_TASK_SUCCEEDED);
      TTaskResult r = m.result();
      assertThat(r.getState()).isEqualTo(TTaskState.SUCCEEDED);
      assertThat(r.getTaskId()).isEqualTo(m.taskId());
      assertThat(r.getTaskId().getSchedulerAddress()).isEqualTo(new THostPort("127.0.0.1", daemon.address().port()));
      assertThat(r.getOutput()).isEqualTo("ran noop");
      assertThat(r.getRunMicros()).isEqualTo(42);
    }
    TJobStatus status = awaitEnd(id);
    assertThat(status.getState()).isEqualTo(TJobState.SUCCEEDED);
    assertThat(status.getResults()).hasSize(20);
    assertThat(status.getLaunchedTasks()).isEqualTo(20);
    // Batch sampling: 40 reservations, one enqueue per node monitor, late-bound user and callback address.
    int reserved = nms.stream().flatMap(n -> n.reservations.stream()).mapToInt(r -> r.getCount()).sum();
    assertThat(reserved).isEqualTo(40);
    assertThat(nms).allSatisfy(n -> assertThat(n.reservations).singleElement().satisfies(r -> {
      assertThat(r.getSchedulerAddress()).isEqualTo(new THostPort("127.0.0.1", daemon.internalAddress().port()));
      assertThat(r.getNodeMonitorId()).isEqualTo(n.info().id());
      assertThat(r.getUser().getUser()).isEqualTo("alice");
      assertThat(r.isSetBoundTasks()).isFalse();
    }));
    assertThat(daemon.metrics().meter(SchedulerMetrics.JOBS_COMPLETED).getCount()).isEqualTo(1);
    assertThat(daemon.metrics().timer(SchedulerMetrics.SCHEDULING_DELAY).getCount()).isEqualTo(20);
    assertThat(daemon.metrics().getGauges().get(SchedulerMetrics.NODE_MONITORS_KNOWN).getValue()).isEqualTo(3);
  }

  @Test
  void completionNotificationsThatQueueUpGoOutInOneCall() throws Exception {
    nodeMonitor(false);
    FakeFrontend frontend = later(new FakeFrontend(0));
    CountDownLatch release = frontend.holdNextCall();
    TSchedulingRequest request = job(10, "noop");
    request.setNotifyCompletion(true);
    request.setFrontendAddress(frontend.address().toString());

    String id = call(c -> c.submitJobWithId(request));
    assertThat(awaitEnd(id).getState()).isEqualTo(TJobState.SUCCEEDED);  // the first message is still held
    release.countDown();

    await().atMost(WAIT).until(() -> frontend.about(id).size() == 10);
    assertThat(frontend.about(id).stream().map(m -> m.taskId().getTaskId()).distinct()).hasSize(10);
    // Every notification was queued when the held first call returned: at most one more call
    // takes the rest (the first may already be a batch, if results came in faster than it went).
    assertThat(frontend.calls).as("the held call, then everything that queued behind it").hasSizeBetween(1, 2);
    assertThat(frontend.batchCalls).isNotEmpty();
  }

  @Test
  void aFrontendWithoutBatchesGetsEveryNotificationOneByOne() throws Exception {
    nodeMonitor(false);
    FakeFrontend frontend = later(new FakeFrontend(0, false));
    CountDownLatch release = frontend.holdNextCall();
    TSchedulingRequest request = job(6, "noop");
    request.setNotifyCompletion(true);
    request.setFrontendAddress(frontend.address().toString());

    String id = call(c -> c.submitJobWithId(request));
    assertThat(awaitEnd(id).getState()).isEqualTo(TJobState.SUCCEEDED);
    release.countDown();

    await().atMost(WAIT).until(() -> frontend.about(id).size() == 6);
    assertThat(frontend.about(id).stream().map(m -> m.taskId().getTaskId()).distinct()).hasSize(6);
    assertThat(frontend.batchCalls).isEmpty();
    assertThat(frontend.calls).as("one refused batch, then one call per message")
        .filteredOn(c -> c.startsWith("batch:")).hasSize(1);
    assertThat(frontend.calls).filteredOn("single"::equals).hasSize(6);
  }

  @Test
  void neverSendsUnsolicitedMessages() throws Exception {
    nodeMonitor(false);
    FakeFrontend frontend = later(new FakeFrontend(0));
    boolean registered = call(c -> c.registerFrontend("app", frontend.address().toString()));
    assertThat(registered).isTrue();

    String quiet = call(c -> c.submitJobWithId(job(5, "noop")));
    assertThat(awaitEnd(quiet).getState()).isEqualTo(TJobState.SUCCEEDED);
    TSchedulingRequest loud = job(1, "noop");
    loud.setNotifyCompletion(true);  // to the registered frontend
    String loudId = call(c -> c.submitJobWithId(loud));
    await().atMost(WAIT).until(() -> frontend.about(loudId).size() == 1);

    assertThat(frontend.about(quiet)).isEmpty();
    assertThat(frontend.messages).hasSize(1);
  }

  @Test
  void relaysFrontendMessagesUnchangedToTheRegisteredFrontend() throws Exception {
    FakeFrontend frontend = later(new FakeFrontend(0));
    boolean registered = call(c -> c.registerFrontend("app", frontend.address().toString()));
    assertThat(registered).isTrue();
    boolean refused = !call(c -> c.registerFrontend("app", "not an address"));
    assertThat(refused).isTrue();
    TFullTaskId tid = new TFullTaskId("t7", "someone/else/3", "app", new THostPort("10.1.2.3", 20503));

    call(c -> {
      c.sendFrontendMessage("app", tid, 12, FakeFrontend.bytes("progress 50%"));
      return null;
    });

    await().atMost(WAIT).until(() -> frontend.messages.size() == 1);
    FakeFrontend.Message m = frontend.messages.get(0);
    assertThat(m.taskId()).isEqualTo(tid);
    assertThat(m.status()).isEqualTo(12);
    assertThat(ByteBuffer.wrap(m.body())).isEqualTo(FakeFrontend.bytes("progress 50%"));
  }

  @Test
  void badRequestsGetIncompleteRequestException() throws Exception {
    TSchedulingRequest noTasks = job(0, "noop");
    TSchedulingRequest badRatio = job(1, "noop");
    badRatio.setProbeRatio(0.5);
    TSchedulingRequest badPolicy = job(1, "noop");
    badPolicy.setPolicy("nope");

    assertThatThrownBy(() -> call(c -> c.submitJobWithId(job(1, "noop"))))
        .isInstanceOf(IncompleteRequestException.class).hasMessageContaining("no node monitors are registered");
    nodeMonitor(false);
    // An empty job is the original's liveness check: accepted, and over at once.
    String empty = call(c -> c.submitJobWithId(noTasks));
    assertThat(call(c -> c.getJobStatus(empty)).getState()).isEqualTo(TJobState.SUCCEEDED);
    assertThatThrownBy(() -> call(c -> {
      c.submitJob(badRatio);
      return null;
    })).isInstanceOf(IncompleteRequestException.class).hasMessageContaining("probeRatio");
    assertThatThrownBy(() -> call(c -> c.submitJobWithId(badPolicy)))
        .isInstanceOf(IncompleteRequestException.class).hasMessageContaining("batch-late-binding");
    assertThatThrownBy(() -> call(c -> c.submitJobWithId(job(1, "warp"))))
        .isInstanceOf(IncompleteRequestException.class).hasMessageContaining("unknown task kind 'warp'");
    assertThatThrownBy(() -> call(c -> c.getJobStatus("no/such/job")))
        .isInstanceOf(IncompleteRequestException.class).hasMessageContaining("unknown requestId");
    // The connection and the scheduler are fine afterwards.
    String ok = call(c -> c.submitJobWithId(job(2, null)));  // backend tasks: the fake has app "app"
    assertThat(awaitEnd(ok).getState()).isEqualTo(TJobState.SUCCEEDED);
  }

  @Test
  void cancelsLeftoverReservationsOnceEveryTaskLaunched() throws Exception {
    FakeNodeMonitor lazy = nodeMonitor(true);
    nodeMonitor(false);
    nodeMonitor(false);

    String id = call(c -> c.submitJobWithId(job(2, "noop")));  // 4 reservations over all 3

    assertThat(awaitEnd(id).getState()).isEqualTo(TJobState.SUCCEEDED);
    await().atMost(WAIT).until(() -> lazy.cancels.contains(id));
    assertThat(lazy.reservations).singleElement().satisfies(r -> assertThat(r.getRequestId()).isEqualTo(id));
  }

  @Test
  void reservationsOfManyJobsForOneNodeGoOutInOneCall() throws Exception {
    FakeNodeMonitor nm = later(new FakeNodeMonitor(false, Map.of())).countingEach();
    register(nm);
    CountDownLatch release = nm.holdNextEnqueue();
    String first = call(c -> c.submitJobWithId(job(1, "noop")));
    await().atMost(WAIT).until(() -> nm.enqueueCalls.size() == 1);  // the node's lane is now busy

    List<String> others = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      others.add(submitQueued(1 + i));  // queued behind the held call, not just answered
    }
    release.countDown();

    assertThat(awaitEnd(first).getState()).isEqualTo(TJobState.SUCCEEDED);
    for (String id : others) {
      assertThat(awaitEnd(id).getState()).isEqualTo(TJobState.SUCCEEDED);
    }
    assertThat(nm.enqueueCalls).as("reservations per call").containsExactly(1, 5);
  }

  /**
   * Enqueues handed to the dispatcher so far. A submit's answer goes out before its job's
   * reservations are placed and queued (they wait for the answer to be written), so a test that
   * needs them queued waits for this count, not for the answer.
   */
  private long enqueuesQueued() {
    return daemon.metrics().meter(SchedulerMetrics.ENQUEUE_REQUESTS).getCount();
  }

  /** Submits a one-task job and waits until its enqueue is queued (one node monitor). */
  private String submitQueued(long queuedBefore) throws TException {
    String id = call(c -> c.submitJobWithId(job(1, "noop")));
    await().atMost(WAIT).until(this::enqueuesQueued, n -> n == queuedBefore + 1);
    return id;
  }

  @Test
  void aNodeMonitorWithoutPerReservationCountsStillGetsBatchesAndNothingTwice() throws Exception {
    FakeNodeMonitor nm = nodeMonitor(false);
    CountDownLatch release = nm.holdNextEnqueue();
    String first = call(c -> c.submitJobWithId(job(1, "noop")));
    await().atMost(WAIT).until(() -> nm.enqueueCalls.size() == 1);
    // Both queued behind the held call before it returns, in submit order.
    String second = submitQueued(1);
    String third = submitQueued(2);
    release.countDown();

    for (String id : List.of(first, second, third)) {
      assertThat(awaitEnd(id).getState()).isEqualTo(TJobState.SUCCEEDED);
    }
    assertThat(nm.enqueueCalls).as("the batch of two is not resent").containsExactly(1, 2);
    assertThat(nm.reservations).extracting(TReservation::getRequestId).containsExactly(first, second, third);
  }

  @Test
  void reservationsOfADepartedNodeMonitorMoveElsewhere() throws Exception {
    FakeNodeMonitor lazy = later(new FakeNodeMonitor(true, Map.of()));
    Registration<NodeMonitorInfo> lazyRegistration = register(lazy);
    String id = call(c -> c.submitJobWithId(job(3, "noop")));
    await().atMost(WAIT).until(() -> !lazy.reservations.isEmpty());
    FakeNodeMonitor worker = nodeMonitor(false);

    lazyRegistration.close();  // leaves the membership: the listener re-places its reservations

    assertThat(awaitEnd(id).getState()).isEqualTo(TJobState.SUCCEEDED);
    assertThat(worker.ran).hasSize(3);
  }

  @Test
  void deadlineFailsAJobNobodyRuns() throws Exception {
    nodeMonitor(true);
    TSchedulingRequest r = job(2, "noop");
    r.setTimeoutMs(200);

    String id = call(c -> c.submitJobWithId(r));

    TJobStatus s = awaitEnd(id);
    assertThat(s.getState()).isEqualTo(TJobState.FAILED);
    assertThat(s.getFailureReason()).contains("deadline");
    assertThat(s.getResults()).extracting(TTaskResult::getState).containsOnly(TTaskState.TIMED_OUT);
  }

  @Test
  void aFrontendRestartedOnTheSamePortGetsItsFirstMessage() throws Exception {
    nodeMonitor(false);
    FakeFrontend first = new FakeFrontend(0);
    int port = first.address().port();
    TSchedulingRequest r = job(1, "noop");
    r.setNotifyCompletion(true);
    r.setFrontendAddress("127.0.0.1:" + port);
    String one = call(c -> c.submitJobWithId(r));
    await().atMost(WAIT).until(() -> first.about(one).size() == 1);
    first.close();

    FakeFrontend second = later(new FakeFrontend(port));
    String two = call(c -> c.submitJobWithId(r));

    await().atMost(WAIT).until(() -> second.about(two).size() == 1);
  }

  @Test
  void announcesItselfAndWithdrawsOnClose() throws Exception {
    assertThat(directory.schedulers().snapshot()).containsOnlyKeys(daemon.id());
    assertThat(directory.schedulers().snapshot().get(daemon.id()).internalPort())
        .isEqualTo(daemon.internalAddress().port());
    HostPort address = daemon.address();

    daemon.close();
    daemon.close();  // idempotent

    assertThat(directory.schedulers().snapshot()).isEmpty();
    assertThatThrownBy(() -> clients.call(address, c -> c.getJobStatus("x"))).isInstanceOf(TException.class);
    await().atMost(WAIT).until(() -> Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.isAlive() && (t.getName().startsWith("scheduler-rpc") || t.getName().startsWith("scheduler-timer"))));
  }
}
