package org.sparrow.nodemonitor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.sparrow.common.TaskState;

class BackendTaskLauncherTest {

  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final HostPort BACKEND = new HostPort("127.0.0.1", 7000);

  /** Accepts every launch (the tasks then run until reported) and records forgotten peers. */
  private static final class RecordingClient implements BackendClient {
    final List<TaskId> launched = new CopyOnWriteArrayList<>();
    final List<HostPort> forgotten = new CopyOnWriteArrayList<>();

    @Override
    public void launchTask(HostPort backend, TaskLaunch task) {
      launched.add(task.taskId());
    }

    @Override
    public void forget(HostPort backend) {
      forgotten.add(backend);
    }
  }

  private final BackendRegistry registry = new BackendRegistry();
  private final RecordingClient client = new RecordingClient();
  private final BackendTaskLauncher launcher = new BackendTaskLauncher(registry, client, 1, "test");

  @AfterEach
  void close() {
    launcher.close();
  }

  private static TaskLaunch task(String app, String taskId) {
    return new TaskLaunch(new TaskId(taskId, "req", app, null), null,
        "payload".getBytes(StandardCharsets.UTF_8), "wordcount");
  }

  @Test
  void reRegistrationAtTheSameAddressLosesOnlyThatAppsTasksAndDropsItsConnections() {
    registry.register("app", BACKEND);
    registry.register("other", new HostPort("127.0.0.1", 7001));
    CompletableFuture<TaskOutcome> held = launcher.launch(task("app", "t0")).toCompletableFuture();
    CompletableFuture<TaskOutcome> otherApp =
        launcher.launch(task("other", "t1")).toCompletableFuture();
    await().atMost(WAIT).until(() -> client.launched.size() == 2);

    registry.register("app", BACKEND);

    await().atMost(WAIT).until(held::isDone);
    TaskOutcome lost = held.join();
    assertThat(lost.state()).isEqualTo(TaskState.LOST);
    assertThat(lost.output()).contains("'app' at " + BACKEND + " re-registered");
    assertThat(client.forgotten).containsExactly(BACKEND);
    assertThat(otherApp).isNotDone();

    // The new incarnation gets, and may report, the next task.
    CompletableFuture<TaskOutcome> next = launcher.launch(task("app", "t2")).toCompletableFuture();
    await().atMost(WAIT).until(() -> client.launched.size() == 3);
    assertThat(launcher.tasksFinished(List.of(new TaskId("t2", "req", "app", null)))).isEqualTo(1);
    assertThat(next).isCompletedWithValue(TaskOutcome.succeeded());
    assertThat(launcher.pendingTasks()).isEqualTo(1);  // only the other app's task
  }
  @Test
  void aLaunchFailingWithAnErrorEndsLostAndAFatalOneTakesTheFatalPath() throws Exception {
    List<Throwable> fatal = new CopyOnWriteArrayList<>();
    BackendClient failing = new BackendClient() {
      @Override
      public void launchTask(HostPort backend, TaskLaunch task) {
        if (task.taskId().taskId().equals("oom")) {
          throw new OutOfMemoryError("injected");
        }
        throw new AssertionError("client bug");
      }

      @Override
      public void forget(HostPort backend) {}
    };
    BackendTaskLauncher guarded = new BackendTaskLauncher(registry, failing, 1, "test-guarded", fatal::add);
    try {
      registry.register("app", BACKEND);
      TaskOutcome bug = guarded.launch(task("app", "t0")).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(bug.state()).isEqualTo(TaskState.LOST);
      assertThat(bug.output()).contains("AssertionError: client bug");
      assertThat(fatal).isEmpty();

      TaskOutcome oom = guarded.launch(task("app", "oom")).toCompletableFuture().get(10, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(oom.state()).isEqualTo(TaskState.LOST);
      assertThat(fatal).singleElement().isInstanceOf(OutOfMemoryError.class);
      assertThat(guarded.pendingTasks()).isZero();
    } finally {
      guarded.close();
    }
  }
}
