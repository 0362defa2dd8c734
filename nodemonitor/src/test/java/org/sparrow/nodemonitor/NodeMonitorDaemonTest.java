package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.nodemonitor.testtasks.BlockingTask;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TEnqueueResult;
import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.THostPort;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TTaskLaunch;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.TTaskState;

/** A node monitor over real Thrift on loopback, fed by a fake scheduler. */
class NodeMonitorDaemonTest extends NodeMonitorOverLoopback {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String BLOCKING = "org.sparrow.nodemonitor.testtasks.BlockingTask ";

  @Override
  NodeMonitorConfig.Builder config(NodeMonitorConfig.Builder defaults) {
    return defaults.attributes(Map.of("rack", "r1"));
  }

  private TNodeLoad load() throws Exception {
    return clients.call(nm.internalAddress(), NodeMonitorInternalService.Client::getLoad);
  }

  /** Fills both slots with tasks that wait for the gate. */
  private void occupyBothSlots(String gate) throws Exception {
    BlockingTask.prepare(gate);
    scheduler.addJob("blocker-" + gate, List.of(
        scheduler.task("blocker-" + gate, "b0", "app", "java", BLOCKING + gate),
        scheduler.task("blocker-" + gate, "b1", "app", "java", BLOCKING + gate)));
    enqueue(scheduler.reservation("blocker-" + gate, "app", 2, nm.id()));
    await().atMost(WAIT).until(() -> BlockingTask.THREADS.get(gate).size() == 2);
  }

  @Test
  void announcesItselfAndWithdrawsOnClose() {
    NodeMonitorInfo info = directory.nodeMonitors().snapshot().get(nm.id());
    assertThat(nm.id()).isEqualTo("127.0.0.1:" + nm.internalAddress().port());
    assertThat(info).isEqualTo(nm.info());
    assertThat(info.internalAddress()).isEqualTo(nm.internalAddress());
    assertThat(info.backendAddress()).isEqualTo(nm.backendAddress());
    assertThat(info.slots()).isEqualTo(2);
    assertThat(info.attributes()).containsEntry("rack", "r1");
    assertThat(info.commandEnabled()).isFalse();

    nm.close();
    nm.close();
    assertThat(directory.nodeMonitors().snapshot()).isEmpty();
  }

  @Test
  void runsLateBoundTasksAndReportsEveryOne() throws Exception {
    List<TTaskLaunch> tasks = new ArrayList<>();
    IntStream.range(0, 6).forEach(i -> tasks.add(i % 2 == 0
        ? scheduler.task("job1", "t" + i, "app", "noop", "")
        : scheduler.task("job1", "t" + i, "app", "sleep", "30")));
    scheduler.addJob("job1", tasks);

    TEnqueueResult accepted = enqueue(scheduler.reservation("job1", "app", 6, "alias-of-this-nm"));
    assertThat(accepted.getAccepted()).isEqualTo(6);

    await().atMost(WAIT).until(() -> scheduler.results.size() == 6);
    assertThat(scheduler.results).allSatisfy(r -> {
      assertThat(r.getState()).isEqualTo(TTaskState.SUCCEEDED);
      assertThat(r.getNodeMonitorId()).isEqualTo("alias-of-this-nm");
      assertThat(r.getQueuedMicros()).isNotNegative();
    });
    assertThat(scheduler.results).extracting(r -> r.getTaskId().getTaskId())
        .containsExactlyInAnyOrder("t0", "t1", "t2", "t3", "t4", "t5");
    assertThat(scheduler.reports.get()).isBetween(1, 6);
    assertThat(scheduler.getTasksCalls).allSatisfy(call -> {
      assertThat(call.getNodeMonitorId()).isEqualTo("alias-of-this-nm");
      assertThat(call.getMaxTasks()).isBetween(1, 2);
    });
    assertThat(scheduler.getTasksCalls.get(0).getMaxTasks()).isEqualTo(2);

    await().atMost(WAIT).untilAsserted(() -> assertThat(load())
        .isEqualTo(new TNodeLoad(nm.id(), 2, 0, 0, 6).setNodeMonitorBootId(nm.bootId())
            .setDraining(false).setUsers(java.util.Map.of()).setQueuePolicy("fifo")
            .setFetchingSlots(0).setFailedTasks(0).setSuspendedTasks(0).setPreemptions(0)));
    assertThat(nm.metrics().counter("nodemonitor.tasks.completed").getCount()).isEqualTo(6);
    assertThat(nm.metrics().counter("nodemonitor.tasks.failed").getCount()).isZero();
    assertThat(nm.metrics().timer("nodemonitor.getTasks.roundTrip").getCount())
        .isEqualTo(scheduler.getTasksCalls.size());
    assertThat(nm.metrics().getGauges()).containsKeys("nodemonitor.queue.reservations",
        "nodemonitor.tasks.running", "nodemonitor.slots");
  }

  @Test
  void badEnqueuesAreRefusedNamingTheFieldAndQueuedWorkIsKept() throws Exception {
    String gate = "bad-enqueue-" + System.nanoTime();
    occupyBothSlots(gate);
    scheduler.addJob("waiting", List.of(
        scheduler.task("waiting", "w0", "app", "noop", ""),
        scheduler.task("waiting", "w1", "app", "noop", "")));
    assertThat(enqueue(scheduler.reservation("waiting", "app", 2, nm.id())).getQueueLength())
        .isEqualTo(2);

    assertRefused(scheduler.reservation("x", "app", 0, nm.id()), "count 0");
    assertRefused(scheduler.reservation("x", "app", 1_000_000, nm.id()), "count 1000000");
    assertRefused(scheduler.reservation(null, "app", 1, nm.id()), "requestId");
    assertRefused(scheduler.reservation("", "app", 1, nm.id()), "requestId");
    assertRefused(scheduler.reservation("x", "app", 1, null), "nodeMonitorId");
    assertRefused(scheduler.reservation("x", "app", 1, nm.id()).setSchedulerAddress(null),
        "schedulerAddress");
    assertRefused(scheduler.reservation("x", "app", 1, nm.id())
        .setSchedulerAddress(new THostPort("h", 70000)), "schedulerAddress");
    assertRefused(scheduler.reservation("x", "app", 1, nm.id()).setUser(null), "user");
    // All or nothing: the valid first one is not queued either.
    assertThatThrownBy(() -> enqueue(scheduler.reservation("ok", "app", 1, nm.id()),
        scheduler.reservation("x", "app", -1, nm.id())))
        .isInstanceOf(IncompleteRequestException.class);

    assertThat(load().getQueuedReservations()).isEqualTo(2);
    BlockingTask.GATES.get(gate).countDown();
    await().atMost(WAIT).until(() -> scheduler.results.size() == 4);
    assertThat(scheduler.resultsOf("waiting")).extracting(TTaskResult::getState)
        .containsOnly(TTaskState.SUCCEEDED);
    assertThat(scheduler.getTasksCalls).extracting(TGetTasksRequest::getRequestId)
        .doesNotContain("ok", "x");
  }

  private void assertRefused(TReservation r, String expected) {
    assertThatThrownBy(() -> enqueue(r))
        .isInstanceOf(IncompleteRequestException.class)
        .satisfies(e -> assertThat(((IncompleteRequestException) e).getMessage()).contains(expected));
  }

  @Test
  void cancelRemovesQueuedReservationsAndDiscardsLateEnqueues() throws Exception {
    clients.run(nm.internalAddress(), c -> {
      c.cancelReservations(List.of("early"), "");
      return null;
    });
    assertThat(enqueue(scheduler.reservation("early", "app", 3, nm.id())).getAccepted()).isZero();

    String gate = "cancel-" + System.nanoTime();
    occupyBothSlots(gate);
    scheduler.addJob("victim", List.of(scheduler.task("victim", "v0", "app", "noop", "")));
    scheduler.addJob("survivor", List.of(scheduler.task("survivor", "s0", "app", "noop", "")));
    enqueue(scheduler.reservation("victim", "app", 4, nm.id()),
        scheduler.reservation("survivor", "app", 1, nm.id()));
    assertThat(load().getQueuedReservations()).isEqualTo(5);

    clients.run(nm.internalAddress(), c -> {
      c.cancelReservations(List.of("victim", "victim"), null);
      return null;
    });
    assertThat(load().getQueuedReservations()).isEqualTo(1);

    BlockingTask.GATES.get(gate).countDown();
    await().atMost(WAIT).until(() -> scheduler.resultsOf("survivor").size() == 1);
    assertThat(scheduler.getTasksCalls).extracting(TGetTasksRequest::getRequestId)
        .doesNotContain("victim", "early");
  }

  @Test
  void deadSchedulerDoesNotStallTheQueue() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      deadPort = s.getLocalPort();
    }
    TReservation dead = scheduler.reservation("orphan", "app", 3, nm.id())
        .setSchedulerAddress(new THostPort("127.0.0.1", deadPort));
    scheduler.addJob("alive", List.of(scheduler.task("alive", "a0", "app", "noop", "")));

    enqueue(dead, scheduler.reservation("alive", "app", 1, nm.id()));

    await().atMost(WAIT).until(() -> scheduler.resultsOf("alive").size() == 1);
    await().atMost(WAIT).untilAsserted(() -> {
      TNodeLoad load = load();
      assertThat(load.getQueuedReservations()).isZero();
      assertThat(load.getRunningTasks()).isZero();
    });
  }

  @Test
  void builtInKindsOverTheWireIncludingCommandsWhenAllowed() throws Exception {
    scheduler.addJob("refused", List.of(scheduler.task("refused", "c", "app", "command", "echo hi")));
    enqueue(scheduler.reservation("refused", "app", 1, nm.id()));
    await().atMost(WAIT).until(() -> scheduler.resultsOf("refused").size() == 1);
    assertThat(scheduler.resultsOf("refused").get(0).getOutput()).contains("command tasks are disabled");

    try (NodeMonitorDaemon permissive = NodeMonitorDaemon.builder().directory(directory)
        .config(NodeMonitorConfig.builder().slots(3).bindHost("127.0.0.1").internalPort(0).backendPort(0)
            .allowCommand(true).commandTimeoutMs(500).build()).build().start()) {
      assertThat(permissive.info().commandEnabled()).isTrue();
      scheduler.addJob("mixed", List.of(
          scheduler.task("mixed", "cmd", "app", "command", "echo hi; exit 4"),
          scheduler.task("mixed", "slow", "app", "command", "sleep 20"),
          scheduler.task("mixed", "java", "app", "java",
              "org.sparrow.nodemonitor.testtasks.ExitCodeTask 0")));
      clients.call(permissive.internalAddress(), c -> c.enqueueReservations(
          List.of(scheduler.reservation("mixed", "app", 3, permissive.id()))));

      await().atMost(WAIT).until(() -> scheduler.resultsOf("mixed").size() == 3);
      Map<String, TTaskResult> byTask = new java.util.HashMap<>();
      scheduler.resultsOf("mixed").forEach(r -> byTask.put(r.getTaskId().getTaskId(), r));
      assertThat(byTask.get("cmd").getState()).isEqualTo(TTaskState.FAILED);
      assertThat(byTask.get("cmd").getExitCode()).isEqualTo(4);
      assertThat(byTask.get("cmd").getOutput()).isEqualTo("hi\n");
      assertThat(byTask.get("slow").getState()).isEqualTo(TTaskState.FAILED);
      assertThat(byTask.get("slow").getOutput()).contains("timed out after 500 ms");
      assertThat(byTask.get("java").getState()).isEqualTo(TTaskState.SUCCEEDED);
    }
  }

  @Test
  void closeStopsEveryThreadItStarted() throws Exception {
    scheduler.addJob("j", List.of(scheduler.task("j", "t", "app", "sleep", "60000")));
    enqueue(scheduler.reservation("j", "app", 1, nm.id()));
    await().atMost(WAIT).until(() -> nm.load().runningTasks() == 1);

    nm.close();

    // The interrupted task is still reported, as LOST.
    await().atMost(WAIT).until(() -> scheduler.resultsOf("j").size() == 1);
    assertThat(scheduler.resultsOf("j").get(0).getState()).isEqualTo(TTaskState.LOST);
    await().atMost(WAIT).untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
        .extracting(Thread::getName)
        .noneMatch(name -> name.startsWith("nodemonitor-")));
  }

  @Test
  void builderRefusesBadSettings() {
    assertThatThrownBy(() -> NodeMonitorDaemon.builder().directory(directory)
        .config(NodeMonitorConfig.builder().queuePolicy("lottery").build()).build())
        .hasMessageContaining("lottery").hasMessageContaining("fifo");
    assertThatThrownBy(() -> NodeMonitorDaemon.builder().build()).hasMessageContaining("directory");
  }

  @Test
  void secondDaemonOnTheSamePortFailsToStartAndCleansUp() {
    NodeMonitorDaemon clash = NodeMonitorDaemon.builder().directory(directory).config(NodeMonitorConfig.builder()
        .slots(1).bindHost("127.0.0.1").internalPort(nm.internalAddress().port()).backendPort(0).build()).build();
    assertThatThrownBy(clash::start).isInstanceOf(IOException.class);
    assertThat(directory.nodeMonitors().snapshot()).containsOnlyKeys(nm.id());
    clash.close();
  }

  @Test
  void hostPortOfTheDaemonIsUsableByPeers() {
    assertThat(HostPort.parse(nm.id())).isEqualTo(nm.internalAddress());
  }
}
