package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.UserInfo;
import org.sparrow.nodemonitor.launch.TaskLauncher;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.queue.QueuePolicies;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/**
 * The core carries out suspend and resume outside its lock, on the thread that decided them, so
 * two threads' decisions can reach the launcher in the other order. Each test runs the second
 * thread's decision at the exact point where it overtakes (inside an action of the first thread,
 * which waits for it), against a launcher that behaves as the in-process one: a resume of a task
 * that is not paused, and a suspend of a task it was not handed yet, are ignored. Whatever the
 * order, the launcher must end up pausing exactly the tasks the core counts as suspended (a task
 * paused while the core counts it running never ends: its job times out).
 */
class NodeMonitorCoreSuspendRaceTest {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 20507);

  /** As InProcessTaskLauncher: only a task it was handed and that has not ended can pause. */
  private static final class Launcher implements TaskLauncher {
    final Map<String, CompletableFuture<TaskOutcome>> launched = new ConcurrentHashMap<>();
    final Set<String> paused = ConcurrentHashMap.newKeySet();
    final Map<String, Runnable> beforeLaunch = new ConcurrentHashMap<>();

    @Override
    public CompletableFuture<TaskOutcome> launch(TaskLaunch task) {
      Runnable hook = beforeLaunch.remove(task.taskId().taskId());
      if (hook != null) {
        hook.run();
      }
      CompletableFuture<TaskOutcome> f = new CompletableFuture<>();
      launched.put(task.taskId().taskId(), f);
      return f;
    }

    @Override
    public boolean canSuspend(TaskLaunch task) {
      return true;
    }

    @Override
    public synchronized void suspend(TaskId task) {
      CompletableFuture<TaskOutcome> f = launched.get(task.taskId());
      if (f != null && !f.isDone()) {
        paused.add(task.taskId());
      }
    }

    @Override
    public synchronized void resume(TaskId task) {
      paused.remove(task.taskId());
    }
  }

  private record Fetch(Reservation reservation, int maxTasks, CompletableFuture<FetchedTasks> answer) {}

  private final Launcher launcher = new Launcher();
  private final List<Fetch> fetches = new ArrayList<>();
  private final Map<String, Runnable> beforeFetch = new ConcurrentHashMap<>();
  private final NodeMonitorCore core = NodeMonitorCore.builder().slots(4)
      .queue(QueuePolicies.defaults().create("priority", null)).clock(new ManualClock())
      .fetcher((r, max) -> {
        Runnable hook = beforeFetch.remove(r.requestId());
        if (hook != null) {
          hook.run();
        }
        CompletableFuture<FetchedTasks> f = new CompletableFuture<>();
        synchronized (fetches) {
          fetches.add(new Fetch(r, max, f));
        }
        return f;
      })
      .launcher(launcher)
      .sink((s, r) -> {})
      .build();

  private static Reservation reservation(String id, int priority, int count) {
    return Reservation.lateBinding(id, "app", new UserInfo("u", "g", priority), SCHEDULER, count, "nm");
  }

  private Fetch openFetch(String requestId) {
    synchronized (fetches) {
      return fetches.stream().filter(f -> !f.answer().isDone()
          && f.reservation().requestId().equals(requestId)).findFirst().orElseThrow(
              () -> new AssertionError("no open fetch for " + requestId));
    }
  }

  private void answer(String requestId, int n) {
    openFetch(requestId).answer().complete(new FetchedTasks(IntStream.range(0, n)
        .mapToObj(i -> new TaskLaunch(new TaskId(requestId + "-t" + i, requestId, "app", SCHEDULER),
            UserInfo.ANONYMOUS, "100".getBytes(StandardCharsets.UTF_8), "sleep")).toList(), false));
  }

  /** Runs {@code r} on a thread of its own and waits for it (another thread's decision). */
  private static void onAnotherThread(Runnable r) {
    try {
      CompletableFuture.runAsync(r, command -> new Thread(command, "other-decision").start())
          .get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the other thread's decision did not complete", e);
    }
  }

  private void assertLauncherAgreesWithCore() {
    assertThat(launcher.paused).as("paused by the launcher").hasSize(core.suspendedTasks());
    long unpaused = launcher.launched.entrySet().stream()
        .filter(e -> !e.getValue().isDone() && !launcher.paused.contains(e.getKey())).count();
    assertThat(unpaused).as("running in the launcher").isEqualTo(core.load().runningTasks());
  }

  @Test
  void aResumeDecidedWhileTheSuspendIsStillOnItsWayDoesNotLeaveTheTaskPaused() {
    for (int i = 0; i < 4; i++) {
      core.enqueue(List.of(reservation("bg" + i, 1, 1)));
      answer("bg" + i, 1);
    }
    // The urgent request suspends bg3, fetches, suspends bg2, fetches. Between its first fetch
    // and the suspend of bg2, two background tasks end on another thread: the slots they free
    // resume bg3 and then bg2, whose suspend has not reached the launcher yet.
    beforeFetch.put("fg", () -> onAnotherThread(() -> {
      launcher.launched.get("bg0-t0").complete(TaskOutcome.succeeded());
      launcher.launched.get("bg1-t0").complete(TaskOutcome.succeeded());
    }));
    core.enqueue(List.of(reservation("fg", 0, 2)));

    assertThat(core.suspendedTasks()).isZero();
    assertThat(launcher.paused).as("bg2's late suspend must not pause it for good").isEmpty();
    assertLauncherAgreesWithCore();

    // And it still ends: nothing is left suspended once the urgent work is gone.
    answer("fg", 0);
    answer("fg", 0);
    launcher.launched.get("bg2-t0").complete(TaskOutcome.succeeded());
    launcher.launched.get("bg3-t0").complete(TaskOutcome.succeeded());
    assertThat(core.load().runningTasks()).isZero();
  }

  @Test
  void aSuspendDecidedBeforeTheTaskWasLaunchedPausesItAsItLaunches() {
    for (int i = 0; i < 2; i++) {
      core.enqueue(List.of(reservation("bg" + i, 1, 1)));
      answer("bg" + i, 1);
    }
    core.enqueue(List.of(reservation("pair", 1, 2)));
    assertThat(openFetch("pair").maxTasks()).isEqualTo(2);
    // Both of pair's tasks hold a slot before either is launched; while the first is being
    // launched an urgent reservation arrives on another thread and picks the youngest, pair-t1,
    // which the launcher does not know yet.
    launcher.beforeLaunch.put("pair-t0", () -> onAnotherThread(
        () -> core.enqueue(List.of(reservation("fg", 0, 1)))));
    answer("pair", 2);

    assertThat(core.suspendedTasks()).isEqualTo(1);
    assertThat(launcher.paused).as("the suspend decided before its launch").containsExactly("pair-t1");
    assertLauncherAgreesWithCore();
    assertThat(openFetch("fg").maxTasks()).isEqualTo(1);
  }
}
