package org.sparrow.nodemonitor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.nodemonitor.launch.StopOutcome;
import org.sparrow.nodemonitor.launch.TaskLauncher;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.sparrow.common.TaskState;

/** Stopping tasks of cancelled jobs: commands killed with their tree, sleeps interrupted, early stops remembered. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TaskStopTest {

  private final InProcessTaskLauncher launcher = InProcessTaskLauncher.builder().slots(2).allowCommand(true).build();

  @AfterEach
  void close() {
    launcher.close();
  }

  private static TaskLaunch task(String id, String kind, String argument) {
    return new TaskLaunch(new TaskId(id, "req", "app", null), null, argument.getBytes(StandardCharsets.UTF_8), kind);
  }

  @Test
  void aSleepIsInterruptedAndEndsAsStopped() throws Exception {
    TaskLaunch t = task("s", "sleep", "600000");
    CompletableFuture<TaskOutcome> done = launcher.launch(t).toCompletableFuture();
    await().atMost(Duration.ofSeconds(30)).until(() -> launcher.runningTasks() == 1);

    assertThat(launcher.stop(t.taskId())).isEqualTo(StopOutcome.INTERRUPTED);

    TaskOutcome o = done.get(30, TimeUnit.SECONDS);
    assertThat(o.state()).isEqualTo(TaskState.FAILED);
    assertThat(o.output()).contains("its job was cancelled");
    assertThat(launcher.runningTasks()).isZero();
    assertThat(launcher.stop(t.taskId())).isEqualTo(StopOutcome.NOT_RUNNING);
    // The slot thread is clean for the next task: no interrupt left over.
    assertThat(launcher.launch(task("n", "sleep", "1")).toCompletableFuture().get(30, TimeUnit.SECONDS).state())
        .isEqualTo(TaskState.SUCCEEDED);
  }

  @Test
  void aCommandIsKilledWithItsProcessTree() throws Exception {
    TaskLaunch t = task("c", "command", "sleep 4323.5 & sleep 4323.5; wait");
    CompletableFuture<TaskOutcome> done = launcher.launch(t).toCompletableFuture();
    await().atMost(Duration.ofSeconds(30)).until(() -> processes() >= 2);

    assertThat(launcher.stop(t.taskId())).isEqualTo(StopOutcome.KILLED);

    TaskOutcome o = done.get(30, TimeUnit.SECONDS);
    assertThat(o.state()).isEqualTo(TaskState.FAILED);
    assertThat(o.output()).contains("process tree killed");
    await().atMost(Duration.ofSeconds(30)).until(() -> processes() == 0);
  }

  @Test
  void aStopBeforeTheLaunchIsRememberedByTheRouterAndTheTaskNeverStarts() throws Exception {
    AtomicInteger launched = new AtomicInteger();
    TaskLauncher counting = new TaskLauncher() {
      @Override
      public CompletionStage<TaskOutcome> launch(TaskLaunch task) {
        launched.incrementAndGet();
        return CompletableFuture.completedFuture(TaskOutcome.succeeded());
      }
    };
    TaskRouter router = new TaskRouter(counting, counting);
    TaskLaunch t = task("late", "sleep", "10");

    assertThat(router.stop(t.taskId())).isEqualTo(StopOutcome.NOT_RUNNING);
    TaskOutcome o = router.launch(t).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(o.state()).isEqualTo(TaskState.FAILED);
    assertThat(o.output()).contains("cancelled before it started");
    assertThat(launched).hasValue(0);
    // Only that task: others launch as usual.
    router.launch(task("other", "sleep", "10")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(launched).hasValue(1);
  }

  private static long processes() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("sleep 4323.5")).orElse(false)).count();
  }
}
