package org.sparrow.nodemonitor.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.sparrow.common.TaskState;
import org.sparrow.common.UserInfo;
import org.sparrow.nodemonitor.testtasks.BlockingTask;

class InProcessTaskLauncherTest {

  private InProcessTaskLauncher launcher;

  @AfterEach
  void close() {
    if (launcher != null) {
      launcher.close();
    }
  }

  private static TaskLaunch task(String kind, String argument) {
    return new TaskLaunch(new TaskId("t-" + argument.hashCode(), "req", "app",
        new HostPort("127.0.0.1", 1)), new UserInfo("bob", "g", 0),
        argument.getBytes(StandardCharsets.UTF_8), kind);
  }

  private static TaskOutcome outcome(java.util.concurrent.CompletionStage<TaskOutcome> stage)
      throws Exception {
    return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
  }

  private InProcessTaskLauncher launcher(boolean allowCommand, long commandTimeoutMs) {
    launcher = InProcessTaskLauncher.builder().slots(2).allowCommand(allowCommand)
        .commandTimeoutMs(commandTimeoutMs).threadName("test").build();
    return launcher;
  }

  @Test
  void noopAndSleepSucceed() throws Exception {
    launcher(false, 1000);
    assertThat(outcome(launcher.launch(task("noop", "")))).isEqualTo(TaskOutcome.succeeded());
    assertThat(outcome(launcher.launch(task("sleep", "20"))).state()).isEqualTo(TaskState.SUCCEEDED);
  }

  @Test
  void badArgumentsAndUnknownKindsFailWithAClearMessage() throws Exception {
    launcher(false, 1000);
    TaskOutcome badSleep = outcome(launcher.launch(task("sleep", "soon")));
    assertThat(badSleep.state()).isEqualTo(TaskState.FAILED);
    assertThat(badSleep.output()).contains("milliseconds");

    TaskOutcome unknown = outcome(launcher.launch(task("python", "print(1)")));
    assertThat(unknown.state()).isEqualTo(TaskState.FAILED);
    assertThat(unknown.output()).contains("python").contains("noop, sleep, command, java");
  }

  @Test
  void commandIsRefusedUnlessAllowed() throws Exception {
    launcher(false, 1000);
    TaskOutcome refused = outcome(launcher.launch(task("command", "touch /tmp/should-not-exist")));
    assertThat(refused.state()).isEqualTo(TaskState.FAILED);
    assertThat(refused.output()).contains("command tasks are disabled");
  }

  @Test
  void commandReportsExitCodeAndCombinedOutput() throws Exception {
    launcher(true, 10_000);
    TaskOutcome ok = outcome(launcher.launch(task("command", "echo hello")));
    assertThat(ok).isEqualTo(new TaskOutcome(TaskState.SUCCEEDED, 0, "hello\n"));

    TaskOutcome failed = outcome(launcher.launch(task("command", "echo out; echo err >&2; exit 3")));
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(failed.exitCode()).isEqualTo(3);
    assertThat(failed.output()).contains("out").contains("err");
  }

  @Test
  void commandsSeeTheirTaskIdentityAndAttemptInTheEnvironment() throws Exception {
    launcher(true, 10_000);
    TaskLaunch t = new TaskLaunch(new TaskId("t7", "req-9", "app", new HostPort("127.0.0.1", 1)),
        UserInfo.ANONYMOUS, "echo $SPARROW_REQUEST_ID $SPARROW_TASK_ID $SPARROW_APP_ID $SPARROW_ATTEMPT"
            .getBytes(StandardCharsets.UTF_8), "command", 2);
    assertThat(outcome(launcher.launch(t)).output()).isEqualTo("req-9 t7 app 2\n");
  }

  @Test
  void commandOutputIsBounded() throws Exception {
    launcher(true, 10_000);
    TaskOutcome big = outcome(launcher.launch(task("command",
        "head -c 200000 /dev/zero | tr '\\0' a")));
    assertThat(big.state()).isEqualTo(TaskState.SUCCEEDED);
    assertThat(big.output()).startsWith("aaaa").contains("truncated: 200000 bytes");
    assertThat(big.output().length()).isLessThan(4200);
  }

  @Test
  void commandTimeoutKillsIt() throws Exception {
    launcher(true, 300);
    TaskOutcome slow = outcome(launcher.launch(task("command", "echo started; sleep 30; echo never")));
    assertThat(slow.state()).isEqualTo(TaskState.FAILED);
    assertThat(slow.output()).contains("timed out after 300 ms").contains("started")
        .doesNotContain("never");
  }

  @Test
  void backgroundedChildHoldingTheOutputIsKilledAtTheTimeoutAndTheSlotFreed() throws Exception {
    launcher = InProcessTaskLauncher.builder().slots(1).allowCommand(true).commandTimeoutMs(300)
        .threadName("test").build();
    // The shell exits at once; the re-parented sleep keeps the output pipe open.
    CompletableFuture<TaskOutcome> held =
        launcher.launch(task("command", "sleep 30 & echo child $!")).toCompletableFuture();

    await().atMost(Duration.ofSeconds(10)).until(held::isDone);
    TaskOutcome outcome = held.join();
    assertThat(outcome.state()).isEqualTo(TaskState.FAILED);
    assertThat(outcome.output()).contains("timed out after 300 ms").contains("child ");
    assertChildKilled(outcome.output());

    // The only slot is free again.
    assertThat(outcome(launcher.launch(task("command", "echo next"))))
        .isEqualTo(new TaskOutcome(TaskState.SUCCEEDED, 0, "next\n"));
  }

  @Test
  void backgroundedChildWithoutOutputEndsTheCommandTimedOutToo() throws Exception {
    launcher(true, 300);
    TaskOutcome outcome = outcome(launcher.launch(task("command", "sleep 30 &")));
    assertThat(outcome.state()).isEqualTo(TaskState.FAILED);
    assertThat(outcome.output()).contains("timed out after 300 ms");
  }

  @Test
  void childLeftInTheBackgroundIsKilledWhenTheCommandEnds() throws Exception {
    launcher(true, 60_000);
    TaskOutcome outcome = outcome(launcher.launch(task("command",
        "sleep 30 >/dev/null 2>&1 & echo child $!")));
    assertThat(outcome.state()).isEqualTo(TaskState.SUCCEEDED);
    assertChildKilled(outcome.output());
  }

  private static void assertChildKilled(String output) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("child (\\d+)").matcher(output);
    assertThat(m.find()).as("child pid in %s", output).isTrue();
    long pid = Long.parseLong(m.group(1));
    await().atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void javaTasksRunFromTheClasspath() throws Exception {
    launcher(false, 1000);
    String pkg = "org.sparrow.nodemonitor.testtasks.";
    assertThat(outcome(launcher.launch(task("java", pkg + "ExitCodeTask"))).state())
        .isEqualTo(TaskState.SUCCEEDED);
    // Second run of the same class comes from the cache and gets a fresh instance.
    TaskOutcome seven = outcome(launcher.launch(task("java", pkg + "ExitCodeTask   7 ")));
    assertThat(seven.state()).isEqualTo(TaskState.FAILED);
    assertThat(seven.exitCode()).isEqualTo(7);

    TaskOutcome thrown = outcome(launcher.launch(task("java", pkg + "ThrowingTask now")));
    assertThat(thrown.state()).isEqualTo(TaskState.FAILED);
    assertThat(thrown.output()).contains("disk on fire: now");

    assertThat(outcome(launcher.launch(task("java", pkg + "NotATask"))).output())
        .contains("does not implement org.sparrow.nodemonitor.task.SparrowTask");
    assertThat(outcome(launcher.launch(task("java", pkg + "Missing"))).output())
        .contains("not on the node monitor's classpath");
    assertThat(outcome(launcher.launch(task("java", "  "))).output())
        .contains("fully.qualified.ClassName");
  }

  /** What a task whose body throws an {@link Error} ended with, and what reached the fatal path. */
  private record ErrorRun(TaskOutcome outcome, List<Throwable> fatal) {}

  /**
   * Runs {@code ErrorTask <argument>} on a one-slot launcher with a recording fatal path: either
   * way the task ends FAILED (never stays running) and its slot is free again.
   */
  private ErrorRun runErrorTask(String argument) throws Exception {
    List<Throwable> fatal = new java.util.concurrent.CopyOnWriteArrayList<>();
    launcher = InProcessTaskLauncher.builder().slots(1).threadName("test").fatalPath(fatal::add).build();
    TaskOutcome failed = outcome(launcher.launch(task("java",
        "org.sparrow.nodemonitor.testtasks.ErrorTask " + argument)));
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(launcher.runningTasks()).isZero();
    return new ErrorRun(failed, fatal);
  }

  @Test
  void aTaskWhoseBodyThrowsAnErrorEndsFailedWithTheReason() throws Exception {
    ErrorRun run = runErrorTask("x=1");
    assertThat(run.outcome().output()).contains("AssertionError").contains("broken invariant: x=1");
    // Not fatal: the daemon goes on, and the one slot runs the next task.
    assertThat(run.fatal()).isEmpty();
    assertThat(outcome(launcher.launch(task("noop", ""))).state()).isEqualTo(TaskState.SUCCEEDED);
  }

  @Test
  void aVirtualMachineErrorFailsTheTaskAndTakesTheFatalPath() throws Exception {
    ErrorRun run = runErrorTask("oom");
    assertThat(run.outcome().output()).contains("OutOfMemoryError").contains("fatal to the node monitor");
    assertThat(run.fatal()).singleElement().isInstanceOf(OutOfMemoryError.class);
  }

  @Test
  void aClassThatIsNotATaskNeverRunsItsStaticInitialiser() throws Exception {
    launcher(false, 1000);
    String name = org.sparrow.nodemonitor.testtasks.InitialiserNotATask.Counted.class.getName();
    TaskOutcome refused = outcome(launcher.launch(task("java", name)));
    assertThat(refused.state()).isEqualTo(TaskState.FAILED);
    assertThat(refused.output()).contains("does not implement");
    assertThat(org.sparrow.nodemonitor.testtasks.InitialiserNotATask.INITIALISED).hasValue(0);
  }

  @Test
  void aTaskWhoseInitialiserThrowsFailsWithThatReason() throws Exception {
    launcher(false, 1000);
    TaskOutcome failed = outcome(launcher.launch(task("java",
        "org.sparrow.nodemonitor.testtasks.FailingInitialiserTask")));
    assertThat(failed.state()).isEqualTo(TaskState.FAILED);
    assertThat(failed.output()).contains("initialising").contains("no configuration found");
  }

  @Test
  void runsOnExactlySlotsThreads() throws Exception {
    launcher(false, 1000);
    String gate = "slots-" + System.nanoTime();
    BlockingTask.prepare(gate);
    List<CompletableFuture<TaskOutcome>> outcomes = IntStream.range(0, 5)
        .mapToObj(i -> new TaskLaunch(new TaskId("t" + i, "req", "app", null), null,
            ("org.sparrow.nodemonitor.testtasks.BlockingTask " + gate).getBytes(StandardCharsets.UTF_8),
            "java"))
        .map(t -> launcher.launch(t).toCompletableFuture())
        .toList();

    await().atMost(Duration.ofSeconds(10)).until(() -> BlockingTask.THREADS.get(gate).size() == 2);
    BlockingTask.GATES.get(gate).countDown();
    for (CompletableFuture<TaskOutcome> o : outcomes) {
      assertThat(o.get(20, TimeUnit.SECONDS).state()).isEqualTo(TaskState.SUCCEEDED);
    }
    Set<String> threads = BlockingTask.THREADS.get(gate).stream()
        .map(s -> s.substring(0, s.indexOf('#'))).collect(Collectors.toSet());
    assertThat(BlockingTask.THREADS.get(gate)).hasSize(5);
    assertThat(threads).hasSize(2).allSatisfy(name -> assertThat(name).startsWith("test-slot-"));
  }

  @Test
  void closeInterruptsSleepingTasks() throws Exception {
    launcher(false, 1000);
    CompletableFuture<TaskOutcome> sleeping = launcher.launch(task("sleep", "60000")).toCompletableFuture();
    launcher.close();
    TaskOutcome outcome = sleeping.get(10, TimeUnit.SECONDS);
    assertThat(outcome.state()).isEqualTo(TaskState.LOST);
    assertThat(outcome(launcher.launch(task("noop", ""))).state()).isEqualTo(TaskState.LOST);
  }
}
