package org.sparrow.nodemonitor;

import org.sparrow.common.UserInfo;

import org.sparrow.common.TaskState;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/** The core's drain decisions, thread-free: what goes back, what still runs, when it is idle. */
class NodeMonitorDrainTest {

  private static final HostPort A = new HostPort("127.0.0.1", 20507);
  private static final HostPort B = new HostPort("127.0.0.1", 30507);

  private record Returned(HostPort scheduler, String bootId, String nodeMonitorId, List<String> requestIds) {}

  private final List<CompletableFuture<FetchedTasks>> fetches = new ArrayList<>();
  private final List<CompletableFuture<TaskOutcome>> launches = new ArrayList<>();
  private final List<TaskLaunch> launched = new ArrayList<>();
  private final List<TaskResult> finished = new ArrayList<>();
  private final List<Returned> returned = new ArrayList<>();
  private final NodeMonitorCore core = NodeMonitorCore.builder()
      .slots(2)
      .clock(new ManualClock())
      .fetcher(this::fetch)
      .launcher(this::launch)
      .sink((scheduler, result) -> finished.add(result))
      .returner((scheduler, boot, id, ids) -> returned.add(new Returned(scheduler, boot, id, ids)))
      .build();

  private CompletionStage<FetchedTasks> fetch(Reservation r, int maxTasks) {
    CompletableFuture<FetchedTasks> f = new CompletableFuture<>();
    fetches.add(f);
    return f;
  }

  private CompletionStage<TaskOutcome> launch(TaskLaunch t) {
    CompletableFuture<TaskOutcome> f = new CompletableFuture<>();
    launched.add(t);
    launches.add(f);
    return f;
  }

  private static Reservation late(String requestId, HostPort scheduler, int count) {
    return new Reservation(requestId, "app", UserInfo.ANONYMOUS, scheduler, count, "nm", List.of());
  }

  private static TaskLaunch task(String requestId, String taskId) {
    return new TaskLaunch(new TaskId(taskId, requestId, "app", A), UserInfo.ANONYMOUS,
        "0".getBytes(StandardCharsets.UTF_8), "sleep");
  }

  private static Reservation bound(String requestId, String... taskIds) {
    List<TaskLaunch> tasks = new ArrayList<>();
    for (String t : taskIds) {
      tasks.add(task(requestId, t));
    }
    return new Reservation(requestId, "app", UserInfo.ANONYMOUS, A, tasks.size(), "nm", tasks);
  }

  @Test
  void handsQueuedReservationsBackPerSchedulerAndLetsRunningWorkFinish() {
    // Slot 1 runs a task, slot 2 is fetching; four requests wait behind them.
    core.enqueue(List.of(late("running", A, 1), late("fetching", A, 1), late("q1", A, 2),
        late("q2", B, 1), late("q3", A, 1)));
    fetches.get(0).complete(new FetchedTasks(List.of(task("running", "t")), true));
    assertThat(launched).hasSize(1);
    assertThat(fetches).hasSize(2);

    CompletableFuture<Void> idle = core.drain().toCompletableFuture();
    assertThat(core.isDraining()).isTrue();
    assertThat(returned).containsExactly(new Returned(A, "", "nm", List.of("q1", "q3")),
        new Returned(B, "", "nm", List.of("q2")));
    assertThat(core.load().queuedReservations()).isZero();

    // New reservations are refused: 0 slots each, nothing queued.
    EnqueueOutcome refused = core.enqueue(List.of(late("late", A, 3)));
    assertThat(refused.acceptedSlots()).isZero();
    assertThat(refused.acceptedEach()).containsExactly(0);

    // The fetch in flight still runs what it gets; idle only once everything has ended.
    fetches.get(1).complete(new FetchedTasks(List.of(task("fetching", "t")), false));
    assertThat(launched).hasSize(2);
    assertThat(fetches).hasSize(2);
    launches.get(0).complete(TaskOutcome.succeeded());
    assertThat(idle).isNotDone();
    launches.get(1).complete(TaskOutcome.succeeded());
    assertThat(idle).isDone();
    assertThat(finished).hasSize(2).allMatch(r -> r.state() == TaskState.SUCCEEDED);

    // Idempotent: nothing is returned twice.
    assertThat(core.drain().toCompletableFuture()).isDone();
    assertThat(returned).hasSize(2);
  }

  @Test
  void boundReservationsStillRunOnlyTheirUnclaimedTasks() {
    core.enqueue(List.of(bound("b", "t0", "t1", "t2", "t3")));
    assertThat(launched).extracting(t -> t.taskId().taskId()).containsExactly("t0", "t1");

    CompletableFuture<Void> idle = core.drain().toCompletableFuture();
    assertThat(returned).isEmpty();
    launches.get(0).complete(TaskOutcome.succeeded());
    launches.get(1).complete(TaskOutcome.succeeded());
    assertThat(launched).extracting(t -> t.taskId().taskId()).containsExactly("t0", "t1", "t2", "t3");
    assertThat(idle).isNotDone();
    launches.get(2).complete(TaskOutcome.succeeded());
    launches.get(3).complete(TaskOutcome.succeeded());
    assertThat(idle).isDone();
    assertThat(finished).hasSize(4);
  }

  @Test
  void anIdleNodeMonitorIsDrainedAtOnce() {
    assertThat(core.drain().toCompletableFuture()).isDone();
    assertThat(returned).isEmpty();
  }

  @Test
  void aFailedFetchDuringTheDrainDoesNotKeepItBusy() {
    core.enqueue(List.of(late("r", A, 2)));
    CompletableFuture<Void> idle = core.drain().toCompletableFuture();
    assertThat(idle).isNotDone();
    fetches.get(0).completeExceptionally(new RuntimeException("scheduler died"));
    assertThat(idle).isDone();
  }

  @Test
  void aSchedulerThatMissedTheDeadlineWaitsBehindOthersUntilItAnswersAgain() {
    List<Reservation> fetched = new ArrayList<>();
    List<CompletableFuture<FetchedTasks>> answers = new ArrayList<>();
    ManualClock clock = new ManualClock();
    NodeMonitorCore c = NodeMonitorCore.builder().slots(1).clock(clock)
        .fetcher((r, max) -> {
          CompletableFuture<FetchedTasks> f = new CompletableFuture<>();
          fetched.add(r);
          answers.add(f);
          return f;
        })
        .launcher(t -> CompletableFuture.completedFuture(TaskOutcome.succeeded()))
        .sink((s, r) -> finished.add(r))
        .slowSchedulerBackoff(java.time.Duration.ofSeconds(5))
        .build();
    c.enqueue(List.of(late("slow-1", B, 1), late("slow-2", B, 1), late("ok-1", A, 1),
        late("ok-2", A, 1)));
    answers.get(0).completeExceptionally(new SchedulerUnresponsiveException("frozen", null));
    // B's other reservation is kept but goes behind A's.
    assertThat(fetched).extracting(Reservation::requestId).containsExactly("slow-1", "ok-1");
    answers.get(1).complete(new FetchedTasks(List.of(task("ok-1", "t")), true));
    assertThat(fetched).extracting(Reservation::requestId)
        .containsExactly("slow-1", "ok-1", "ok-2");
    answers.get(2).complete(new FetchedTasks(List.of(task("ok-2", "t")), true));
    // Nothing else queued: B is asked again (the probe that gives it its turn back).
    assertThat(fetched).extracting(Reservation::requestId)
        .containsExactly("slow-1", "ok-1", "ok-2", "slow-2");
    answers.get(3).complete(new FetchedTasks(List.of(task("slow-2", "t")), true));
    assertThat(c.load().queuedReservations()).isZero();

    // A late answer to the first fetch runs as bound tasks, without another fetch.
    c.acceptLateTasks(late("slow-1", B, 1), List.of(task("slow-1", "t")));
    assertThat(fetched).hasSize(4);
    assertThat(finished).extracting(r -> r.taskId().requestId())
        .containsExactly("ok-1", "ok-2", "slow-2", "slow-1");
  }

  @Test
  void returnsEachSchedulerIncarnationsReservationsInACallNamingIt() {
    // One address, two processes: the one before a restart left "old" queued here.
    core.enqueue(List.of(late("running", A, 2)));
    fetches.get(0).complete(new FetchedTasks(List.of(task("running", "t0"), task("running", "t1")), true));
    core.enqueue(List.of(
        new Reservation("old", "app", UserInfo.ANONYMOUS, A, 1, "nm", List.of(), "boot-1"),
        new Reservation("new", "app", UserInfo.ANONYMOUS, A, 1, "nm", List.of(), "boot-2")));

    core.drain();

    assertThat(returned).containsExactly(new Returned(A, "boot-1", "nm", List.of("old")),
        new Returned(A, "boot-2", "nm", List.of("new")));
  }
}
