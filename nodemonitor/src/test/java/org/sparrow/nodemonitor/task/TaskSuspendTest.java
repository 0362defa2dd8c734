package org.sparrow.nodemonitor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparrow.common.HostPort;
import org.sparrow.common.TaskState;
import org.sparrow.common.UserInfo;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.sparrow.nodemonitor.testtasks.BlockingTask;

/** Suspend and resume of in-process tasks: sleep pauses its clock, a command gets SIGSTOP/SIGCONT. */
class TaskSuspendTest {

  private InProcessTaskLauncher launcher;

  @AfterEach
  void close() {
    if (launcher != null) {
      launcher.close();
    }
  }

  private static TaskLaunch task(String id, String kind, String argument) {
    return new TaskLaunch(new TaskId(id, "req", "app", new HostPort("127.0.0.1", 1)),
        new UserInfo("bob", "g", 1), argument.getBytes(StandardCharsets.UTF_8), kind);
  }

  private InProcessTaskLauncher launcher(int slots) {
    launcher = InProcessTaskLauncher.builder().slots(slots).allowCommand(true)
        .commandTimeoutMs(60_000).threadName("suspend-test").build();
    return launcher;
  }

  @Test
  void onlySleepAndCommandTasksCanBeSuspended() {
    launcher(1);
    assertThat(launcher.canSuspend(task("a", "sleep", "10"))).isTrue();
    assertThat(launcher.canSuspend(task("b", "command", "true"))).isTrue();
    assertThat(launcher.canSuspend(task("c", "java", "x.Y"))).isFalse();
    assertThat(launcher.canSuspend(task("d", "noop", ""))).isFalse();
    assertThat(launcher.canSuspend(task("e", null, ""))).isFalse();
    InProcessTaskLauncher noCommands = InProcessTaskLauncher.builder().slots(1).build();
    try {
      assertThat(noCommands.canSuspend(task("b", "command", "true"))).isFalse();
    } finally {
      noCommands.close();
    }
  }

  @Test
  void aSuspendedSleepWaitsUntilResumedThenFinishesItsRemainingTime() throws Exception {
    launcher(1);
    TaskLaunch sleep = task("s", "sleep", "300");
    CompletableFuture<TaskOutcome> done = launcher.launch(sleep).toCompletableFuture();
    launcher.suspend(sleep.taskId());
    // Well past its 300 ms it is still paused.
    await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5)).until(() -> !done.isDone());
    launcher.resume(sleep.taskId());
    assertThat(done.get(20, TimeUnit.SECONDS).state()).isEqualTo(TaskState.SUCCEEDED);
  }

  @Test
  void aSuspendedTaskLeavesItsSlotThreadToTheNextTask() throws Exception {
    launcher(1);
    TaskLaunch sleep = task("s", "sleep", "60000");
    CompletableFuture<TaskOutcome> paused = launcher.launch(sleep).toCompletableFuture();
    launcher.suspend(sleep.taskId());
    String gate = "suspend-" + System.nanoTime();
    BlockingTask.prepare(gate);
    CompletableFuture<TaskOutcome> next = launcher.launch(task("j", "java",
        "org.sparrow.nodemonitor.testtasks.BlockingTask " + gate)).toCompletableFuture();
    await().atMost(Duration.ofSeconds(10)).until(() -> BlockingTask.THREADS.get(gate).size() == 1);
    BlockingTask.GATES.get(gate).countDown();
    assertThat(next.get(20, TimeUnit.SECONDS).state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(paused).isNotDone();
    launcher.stop(sleep.taskId());  // a paused task can still be stopped
    assertThat(paused.get(20, TimeUnit.SECONDS).state()).isEqualTo(TaskState.FAILED);
  }

  @Test
  void aPausedTaskThatIsStoppedGivesBackItsExtraThread() throws Exception {
    launcher(1);
    TaskLaunch sleep = task("s", "sleep", "60000");
    CompletableFuture<TaskOutcome> paused = launcher.launch(sleep).toCompletableFuture();
    launcher.suspend(sleep.taskId());
    launcher.suspend(sleep.taskId());  // a repeat changes nothing
    assertThat(launcher.pausedTasks()).isEqualTo(1);
    launcher.stop(sleep.taskId());
    assertThat(paused.get(20, TimeUnit.SECONDS).state()).isEqualTo(TaskState.FAILED);
    assertThat(launcher.pausedTasks()).isZero();
    launcher.resume(sleep.taskId());  // ended: ignored, not counted off twice
    assertThat(launcher.pausedTasks()).isZero();
  }

  @Test
  void theThreadOfOnePreemptionServesTheNextInsteadOfANewThread() throws Exception {
    launcher(1);
    TaskLaunch sleep = task("s", "sleep", "60000");
    CompletableFuture<TaskOutcome> paused = launcher.launch(sleep).toCompletableFuture();
    String[] threads = new String[2];
    for (int round = 0; round < 2; round++) {
      launcher.suspend(sleep.taskId());
      String gate = "reuse-" + round + "-" + System.nanoTime();
      BlockingTask.prepare(gate);
      CompletableFuture<TaskOutcome> urgent = launcher.launch(task("j" + round, "java",
          "org.sparrow.nodemonitor.testtasks.BlockingTask " + gate)).toCompletableFuture();
      await().atMost(Duration.ofSeconds(10)).until(() -> BlockingTask.THREADS.get(gate).size() == 1);
      threads[round] = BlockingTask.THREADS.get(gate).iterator().next().split("#")[0];
      BlockingTask.GATES.get(gate).countDown();
      assertThat(urgent.get(20, TimeUnit.SECONDS).state()).isEqualTo(TaskState.SUCCEEDED);
      launcher.resume(sleep.taskId());
    }
    assertThat(threads[1]).as("the second urgent task's thread").isEqualTo(threads[0]);
    launcher.stop(sleep.taskId());
    assertThat(paused.get(20, TimeUnit.SECONDS).state()).isEqualTo(TaskState.FAILED);
  }

  @Test
  void aSuspendedCommandIsStoppedAndContinuesAfterResume(@TempDir Path dir) throws Exception {
    launcher(1);
    Path ticks = dir.resolve("ticks");
    // Appends a line every 50 ms, 20 times: while stopped, no line is added.
    TaskLaunch command = task("c", "command",
        "i=0; while [ $i -lt 20 ]; do echo $i >> '" + ticks + "'; i=$((i+1)); sleep 0.05; done");
    CompletableFuture<TaskOutcome> done = launcher.launch(command).toCompletableFuture();
    await().atMost(Duration.ofSeconds(10)).until(() -> lines(ticks) >= 2);
    launcher.suspend(command.taskId());
    long atPause = lines(ticks);
    // Running, it would add ~16 lines in 800 ms; stopped, at most the one being written.
    await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(5))
        .until(() -> lines(ticks) <= atPause + 1);
    assertThat(done).isNotDone();
    launcher.resume(command.taskId());
    TaskOutcome outcome = done.get(30, TimeUnit.SECONDS);
    assertThat(outcome.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(lines(ticks)).isEqualTo(20);
  }

  @Test
  void aCommandsTimeoutDoesNotCountTheTimeItWasSuspended(@TempDir Path dir) throws Exception {
    launcher = InProcessTaskLauncher.builder().slots(1).allowCommand(true)
        .commandTimeoutMs(1_500).threadName("suspend-test").build();
    Path ticks = dir.resolve("ticks");
    // ~0.4 s of running time, well inside its 1.5 s timeout; suspended for 2 s on the way.
    TaskLaunch command = task("c", "command",
        "i=0; while [ $i -lt 8 ]; do echo $i >> '" + ticks + "'; i=$((i+1)); sleep 0.05; done");
    CompletableFuture<TaskOutcome> done = launcher.launch(command).toCompletableFuture();
    await().atMost(Duration.ofSeconds(10)).until(() -> lines(ticks) >= 1);
    launcher.suspend(command.taskId());
    // Past the timeout in wall-clock time; counting only running time it is not due.
    await().during(Duration.ofMillis(2_000)).atMost(Duration.ofSeconds(10)).until(() -> !done.isDone());
    launcher.resume(command.taskId());
    TaskOutcome outcome = done.get(30, TimeUnit.SECONDS);
    assertThat(outcome.state()).as(outcome.output()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(lines(ticks)).isEqualTo(8);
  }

  @Test
  void aCommandStillTimesOutOnItsRunningTime() throws Exception {
    launcher = InProcessTaskLauncher.builder().slots(1).allowCommand(true)
        .commandTimeoutMs(300).threadName("suspend-test").build();
    TaskOutcome outcome = launcher.launch(task("c", "command", "sleep 30")).toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
    assertThat(outcome.state()).isEqualTo(TaskState.FAILED);
    assertThat(outcome.output()).contains("timed out after 300 ms");
  }

  private static long lines(Path file) throws java.io.IOException {
    return Files.exists(file) ? Files.readAllLines(file).size() : 0;
  }
}
