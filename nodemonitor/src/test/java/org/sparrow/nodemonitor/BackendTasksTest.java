package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.Closeables;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.NodeMonitorService;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.THostPort;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.TTaskState;

/** Tasks without a built-in kind go to original-style application backends. */
class BackendTasksTest extends NodeMonitorOverLoopback {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final ClientPool<NodeMonitorService.Client> backendSide =
      ClientPool.builder(NodeMonitorService.Client::new).build();
  private FakeBackend backend;
  private FakeBackend restarted;

  @AfterEach
  void stop() {
    Closeables.closeAll(backend, restarted, backendSide);
  }

  private void submit(String requestId, String app, int tasks) throws Exception {
    scheduler.addJob(requestId, java.util.stream.IntStream.range(0, tasks)
        .mapToObj(i -> scheduler.task(requestId, "t" + i, app, null, "payload-" + i)).toList());
    enqueue(scheduler.reservation(requestId, app, tasks, nm.id()));
  }

  @Test
  void backendRunsTasksAndItsReportsReachTheScheduler() throws Exception {
    backend = new FakeBackend(nm.backendAddress(), true).start();
    assertThat(backend.register("wordcount")).isTrue();
    assertThat(directory.nodeMonitors().snapshot().get(nm.id()).backendApps())
        .containsExactly("wordcount");
    assertThat(nm.backendApps()).containsExactly("wordcount");

    submit("job", "wordcount", 3);

    await().atMost(WAIT).until(() -> scheduler.results.size() == 3);
    assertThat(scheduler.results).extracting(TTaskResult::getState).containsOnly(TTaskState.SUCCEEDED);
    assertThat(backend.launched).extracting(FakeBackend.Launched::message)
        .containsExactlyInAnyOrder("payload-0", "payload-1", "payload-2");
    assertThat(backend.launched).allSatisfy(l -> {
      assertThat(l.taskId().getRequestId()).isEqualTo("job");
      assertThat(l.taskId().getAppId()).isEqualTo("wordcount");
      assertThat(l.taskId().getSchedulerAddress().getPort()).isEqualTo(scheduler.serviceAddress().port());
      assertThat(l.user().getUser()).isEqualTo("alice");
    });
    await().atMost(WAIT).until(() -> nm.load().runningTasks() == 0 && nm.load().completedTasks() == 3);
  }

  @Test
  void taskOfAnAppWithoutBackendFailsClearly() throws Exception {
    submit("ghostly", "ghost", 1);

    await().atMost(WAIT).until(() -> scheduler.results.size() == 1);
    TTaskResult r = scheduler.results.get(0);
    assertThat(r.getState()).isEqualTo(TTaskState.FAILED);
    assertThat(r.getOutput()).contains("no application backend").contains("'ghost'");
  }

  @Test
  void reRegistrationAfterARestartReplacesTheBackend() throws Exception {
    backend = new FakeBackend(nm.backendAddress(), false).start();  // holds its tasks
    assertThat(backend.register("app")).isTrue();
    submit("before", "app", 1);
    await().atMost(WAIT).until(() -> backend.launched.size() == 1);
    backend.close();

    restarted = new FakeBackend(nm.backendAddress(), true).start();
    assertThat(restarted.register("app")).isTrue();

    // The old incarnation will never report: its task is lost rather than holding a slot.
    await().atMost(WAIT).until(() -> scheduler.resultsOf("before").size() == 1);
    TTaskResult lost = scheduler.resultsOf("before").get(0);
    assertThat(lost.getState()).isEqualTo(TTaskState.LOST);
    assertThat(lost.getOutput()).contains("replaced by a new registration");

    submit("after", "app", 2);
    await().atMost(WAIT).until(() -> scheduler.resultsOf("after").size() == 2);
    assertThat(scheduler.resultsOf("after")).extracting(TTaskResult::getState)
        .containsOnly(TTaskState.SUCCEEDED);
    assertThat(restarted.launched).hasSize(2);
    assertThat(directory.nodeMonitors().snapshot().get(nm.id()).backendApps()).containsExactly("app");
  }

  @Test
  void restartAtTheSameAddressLosesTheTasksItHeldAndFreesTheirSlots() throws Exception {
    backend = new FakeBackend(nm.backendAddress(), false).start();  // holds its tasks
    assertThat(backend.register("app")).isTrue();
    submit("before", "app", 2);  // both slots
    await().atMost(WAIT).until(() -> backend.launched.size() == 2);
    HostPort address = backend.address();
    backend.close();

    restarted = new FakeBackend(nm.backendAddress(), true).start(address.port());
    assertThat(restarted.address()).isEqualTo(address);
    assertThat(restarted.register("app")).isTrue();

    await().atMost(WAIT).until(() -> scheduler.resultsOf("before").size() == 2);
    assertThat(scheduler.resultsOf("before")).allSatisfy(r -> {
      assertThat(r.getState()).isEqualTo(TTaskState.LOST);
      assertThat(r.getOutput()).contains("at " + address + " re-registered");
    });

    // Both slots are free again: the next reservation runs on the new incarnation.
    submit("after", "app", 2);
    await().atMost(WAIT).until(() -> scheduler.resultsOf("after").size() == 2);
    assertThat(scheduler.resultsOf("after")).extracting(TTaskResult::getState)
        .containsOnly(TTaskState.SUCCEEDED);
    assertThat(restarted.launched).extracting(FakeBackend.Launched::message)
        .containsExactlyInAnyOrder("payload-0", "payload-1");
    await().atMost(WAIT).until(() -> nm.load().runningTasks() == 0);
  }

  @Test
  void aBackendThatRefusesConnectionsIsMarkedDownUntilItRegistersAgain() throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      deadPort = s.getLocalPort();
    }
    boolean registered = backendSide.call(nm.backendAddress(),
        c -> c.registerBackend("app", "127.0.0.1:" + deadPort));
    assertThat(registered).isTrue();
    await().atMost(WAIT).until(() -> directory.nodeMonitors().snapshot().get(nm.id())
        .backendApps().contains("app"));
    submit("doomed", "app", 4);

    // Every task of the batch ends LOST (the scheduler retries them elsewhere), none FAILED.
    await().atMost(WAIT).until(() -> scheduler.results.size() == 4);
    assertThat(scheduler.results).extracting(TTaskResult::getState).containsOnly(TTaskState.LOST);
    assertThat(scheduler.results.get(0).getOutput()).contains("refuses connections");
    assertThat(nm.backendApps()).isEmpty();
    await().atMost(WAIT).until(() -> directory.nodeMonitors().snapshot().get(nm.id())
        .backendApps().isEmpty());

    // It comes back on the same port and registers: announced and used again.
    backend = new FakeBackend(nm.backendAddress(), true).start(deadPort);
    assertThat(backend.register("app")).isTrue();
    await().atMost(WAIT).until(() -> directory.nodeMonitors().snapshot().get(nm.id())
        .backendApps().contains("app"));
    submit("revived", "app", 1);
    await().atMost(WAIT).until(() -> scheduler.resultsOf("revived").size() == 1);
    assertThat(scheduler.resultsOf("revived").get(0).getState()).isEqualTo(TTaskState.SUCCEEDED);
  }

  @Test
  void invalidRegistrationIsRefused() throws Exception {
    boolean noPort = backendSide.call(nm.backendAddress(), c -> c.registerBackend("app", "no-port"));
    boolean noApp = backendSide.call(nm.backendAddress(), c -> c.registerBackend("", "h:1"));
    assertThat(noPort).isFalse();
    assertThat(noApp).isFalse();
    assertThat(nm.backendApps()).isEmpty();
  }

  @Test
  void frontendMessagesAreRelayedToTheTasksScheduler() throws Exception {
    TFullTaskId taskId = new TFullTaskId("t0", "req", "app",
        new THostPort("127.0.0.1", scheduler.serviceAddress().port()));
    backendSide.run(nm.backendAddress(), c -> {
      c.sendFrontendMessage("app", taskId, 42, ByteBuffer.wrap("progress 50%".getBytes(StandardCharsets.UTF_8)));
      return null;
    });

    await().atMost(WAIT).until(() -> scheduler.frontendMessages.size() == 1);
    FakeScheduler.FrontendMessage m = scheduler.frontendMessages.get(0);
    assertThat(m.app()).isEqualTo("app");
    assertThat(m.taskId()).isEqualTo(taskId);
    assertThat(m.status()).isEqualTo(42);
    assertThat(new String(m.message(), StandardCharsets.UTF_8)).isEqualTo("progress 50%");
  }

  @Test
  void unknownFinishedTasksAreIgnored() throws Exception {
    backendSide.run(nm.backendAddress(), c -> {
      c.tasksFinished(List.of(new TFullTaskId("nope", "nothing", "app", null), new TFullTaskId()));
      return null;
    });
    assertThat(nm.load().completedTasks()).isZero();
  }
}
