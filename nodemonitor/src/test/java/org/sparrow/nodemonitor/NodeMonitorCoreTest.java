package org.sparrow.nodemonitor;

import org.sparrow.common.UserInfo;

import org.sparrow.common.TaskState;

import org.sparrow.common.NodeLoad;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/** The core's decisions, with fakes that complete only when the test says so. */
class NodeMonitorCoreTest {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 20507);
  private static final HostPort OTHER_SCHEDULER = new HostPort("127.0.0.1", 30507);

  private record Fetch(Reservation reservation, int maxTasks, CompletableFuture<FetchedTasks> answer) {}

  private record Launch(TaskLaunch task, CompletableFuture<TaskOutcome> done) {}

  private record Finished(HostPort scheduler, TaskResult result) {}

  private final ManualClock clock = new ManualClock();
  private final List<Fetch> fetches = new ArrayList<>();
  private final List<Launch> launches = new ArrayList<>();
  private final List<Finished> finished = new ArrayList<>();
  private NodeMonitorCore core;

  private NodeMonitorCore core(int slots) {
    core = NodeMonitorCore.builder()
        .slots(slots)
        .clock(clock)
        .fetcher(this::fetch)
        .launcher(this::launch)
        .sink((scheduler, result) -> finished.add(new Finished(scheduler, result)))
        .build();
    return core;
  }

  private CompletionStage<FetchedTasks> fetch(Reservation r, int maxTasks) {
    CompletableFuture<FetchedTasks> f = new CompletableFuture<>();
    fetches.add(new Fetch(r, maxTasks, f));
    assertSlotsRespected();
    return f;
  }

  private CompletionStage<TaskOutcome> launch(TaskLaunch t) {
    CompletableFuture<TaskOutcome> f = new CompletableFuture<>();
    launches.add(new Launch(t, f));
    assertSlotsRespected();
    return f;
  }

  private void assertSlotsRespected() {
    NodeLoad load = core.load();
    assertThat(load.runningTasks() + load.fetchingSlots()).isLessThanOrEqualTo(load.slots());
  }

  private static Reservation reservation(String requestId, int count) {
    return new Reservation(requestId, "app", new UserInfo("alice", "staff", 0), SCHEDULER, count,
        "nm-as-known-by-scheduler", List.of());
  }

  private static TaskLaunch task(String requestId, String taskId) {
    return new TaskLaunch(new TaskId(taskId, requestId, "app", SCHEDULER), UserInfo.ANONYMOUS,
        "0".getBytes(StandardCharsets.UTF_8), "sleep");
  }

  private static FetchedTasks tasks(String requestId, int n, boolean exhausted) {
    return new FetchedTasks(IntStream.range(0, n).mapToObj(i -> task(requestId, "t" + i)).toList(),
        exhausted);
  }

  private List<String> fetchedRequests() {
    return fetches.stream().map(f -> f.reservation().requestId()).toList();
  }

  @Test
  void servesReservationsInFifoOrderWithinTheSlots() {
    core(2);
    core.enqueue(List.of(reservation("a", 1), reservation("b", 1), reservation("c", 1)));

    assertThat(fetchedRequests()).containsExactly("a", "b");
    assertThat(core.load()).isEqualTo(new NodeLoad(2, 0, 2, 1, 0, 0));

    fetches.get(0).answer().complete(tasks("a", 1, false));
    assertThat(launches).hasSize(1);
    assertThat(fetchedRequests()).containsExactly("a", "b");  // a's task holds the slot

    fetches.get(1).answer().complete(tasks("b", 0, true));   // b has nothing: slot frees
    assertThat(fetchedRequests()).containsExactly("a", "b", "c");

    fetches.get(2).answer().complete(tasks("c", 1, true));
    launches.forEach(l -> l.done().complete(TaskOutcome.succeeded()));

    assertThat(finished).extracting(f -> f.result().taskId().requestId()).containsExactly("a", "c");
    assertThat(core.load()).isEqualTo(new NodeLoad(2, 0, 0, 0, 2, 0));
  }

  @Test
  void asksForSeveralTasksWhenSeveralSlotsAreFreeForTheHeadRequest() {
    core(4);
    core.enqueue(List.of(reservation("r", 3), reservation("s", 2)));

    assertThat(fetches).extracting(Fetch::maxTasks).containsExactly(3, 1);
    assertThat(fetches.get(0).reservation().nodeMonitorId()).isEqualTo("nm-as-known-by-scheduler");
    assertThat(core.load().fetchingSlots()).isEqualTo(4);

    fetches.get(0).answer().complete(tasks("r", 3, false));
    assertThat(launches).hasSize(3);
    assertThat(core.load().runningTasks()).isEqualTo(3);
    assertThat(core.load().queuedReservations()).isEqualTo(1);
  }

  @Test
  void fewerTasksThanAskedFreesTheUnusedClaimedSlots() {
    core(3);
    core.enqueue(List.of(reservation("r", 3), reservation("s", 1)));
    assertThat(fetches).extracting(Fetch::maxTasks).containsExactly(3);

    fetches.get(0).answer().complete(tasks("r", 1, false));

    assertThat(launches).hasSize(1);
    assertThat(fetchedRequests()).containsExactly("r", "s");
    assertThat(core.load().runningTasks() + core.load().fetchingSlots()).isEqualTo(2);
  }

  @Test
  void exhaustedDropsTheRequestsRemainingReservations() {
    core(1);
    core.enqueue(List.of(reservation("r", 5), reservation("next", 1)));
    assertThat(core.load().queuedReservations()).isEqualTo(5);

    fetches.get(0).answer().complete(tasks("r", 1, true));

    assertThat(launches).hasSize(1);
    assertThat(core.load().queuedReservations()).isEqualTo(1);  // only "next" is left
    launches.get(0).done().complete(TaskOutcome.succeeded());
    assertThat(fetchedRequests()).containsExactly("r", "next");
  }

  @Test
  void noTasksWithoutExhaustedAlsoDropsTheRequest() {
    core(1);
    core.enqueue(List.of(reservation("r", 3), reservation("next", 1)));
    fetches.get(0).answer().complete(new FetchedTasks(List.of(), false));
    assertThat(fetchedRequests()).containsExactly("r", "next");
    assertThat(core.load().queuedReservations()).isZero();
  }

  @Test
  void cancelBeforeEnqueueDiscardsTheLateEnqueue() {
    core(2);
    core.cancel(List.of("r"));

    EnqueueOutcome outcome = core.enqueue(List.of(reservation("r", 2), reservation("s", 1)));

    assertThat(outcome.acceptedSlots()).isEqualTo(1);
    assertThat(outcome.acceptedEach()).as("per reservation, in call order").containsExactly(0, 1);
    assertThat(fetchedRequests()).containsExactly("s");
  }

  @Test
  void cancelledTombstonesExpire() {
    core(1);
    core.cancel(List.of("r"));
    clock.advance(CancellationTombstones.DEFAULT_TTL.plusSeconds(1));
    assertThat(core.enqueue(List.of(reservation("r", 1))).acceptedSlots()).isEqualTo(1);
  }

  @Test
  void cancelRemovesQueuedReservationsButNotInFlightOnes() {
    core(1);
    core.enqueue(List.of(reservation("a", 1), reservation("b", 3), reservation("c", 1)));
    assertThat(core.load().queuedReservations()).isEqualTo(4);

    int removed = core.cancel(List.of(new String("b"), "b", "unknown"));

    assertThat(removed).isEqualTo(3);
    assertThat(core.load().queuedReservations()).isEqualTo(1);
    fetches.get(0).answer().complete(tasks("a", 1, true));
    launches.get(0).done().complete(TaskOutcome.succeeded());
    assertThat(fetchedRequests()).containsExactly("a", "c");
    assertThat(core.cancel(List.of("b"))).isZero();  // idempotent
  }

  @Test
  void fetchFailureDropsTheRequestAndMovesOn() {
    core(1);
    core.enqueue(List.of(reservation("dead", 2), reservation("alive", 1)));

    fetches.get(0).answer().completeExceptionally(new RuntimeException("connection refused"));

    assertThat(fetchedRequests()).containsExactly("dead", "alive");
    assertThat(core.load().queuedReservations()).isZero();
    assertThat(core.load().fetchingSlots()).isEqualTo(1);
  }

  @Test
  void fetcherThrowingSynchronouslyCountsAsAFailedFetch() {
    core = NodeMonitorCore.builder().slots(1).clock(clock)
        .fetcher((r, n) -> {
          throw new IllegalStateException("no");
        })
        .launcher(this::launch)
        .sink((s, r) -> finished.add(new Finished(s, r)))
        .build();
    core.enqueue(List.of(reservation("a", 2), reservation("b", 1)));
    assertThat(core.load()).isEqualTo(new NodeLoad(1, 0, 0, 0, 0, 0));
  }

  @Test
  void boundTasksRunInOrderWithoutAFetch() {
    core(1);
    List<TaskLaunch> bound = List.of(task("r", "t0"), task("r", "t1"));
    core.enqueue(List.of(new Reservation("r", "app", UserInfo.ANONYMOUS, SCHEDULER, 2, "nm", bound)));

    assertThat(fetches).isEmpty();
    assertThat(launches).extracting(l -> l.task().taskId().taskId()).containsExactly("t0");
    launches.get(0).done().complete(TaskOutcome.succeeded());
    assertThat(launches).extracting(l -> l.task().taskId().taskId()).containsExactly("t0", "t1");
    launches.get(1).done().complete(TaskOutcome.exited(2, "bad"));
    assertThat(finished).extracting(f -> f.result().state())
        .containsExactly(TaskState.SUCCEEDED, TaskState.FAILED);
  }

  @Test
  void resultCarriesTimingIdentityAndRoutesToTheReservationsScheduler() {
    core(1);
    Reservation r = new Reservation("r", "app", UserInfo.ANONYMOUS, OTHER_SCHEDULER, 1, "alias-7",
        List.of());
    core.enqueue(List.of(r));
    clock.advance(Duration.ofMillis(3));
    fetches.get(0).answer().complete(tasks("r", 1, true));
    clock.advance(Duration.ofMillis(20));
    launches.get(0).done().complete(TaskOutcome.exited(0, "out"));

    Finished f = finished.get(0);
    assertThat(f.scheduler()).isEqualTo(OTHER_SCHEDULER);
    assertThat(f.result().nodeMonitorId()).isEqualTo("alias-7");
    assertThat(f.result().queuedMicros()).isEqualTo(3_000);
    assertThat(f.result().runMicros()).isEqualTo(20_000);
    assertThat(f.result().output()).isEqualTo("out");
  }

  @Test
  void extraTasksBeyondTheClaimedSlotsAreReportedFailedNotDropped() {
    core(1);
    core.enqueue(List.of(reservation("r", 1)));
    fetches.get(0).answer().complete(tasks("r", 3, true));

    assertThat(launches).hasSize(1);
    assertThat(finished).hasSize(2);
    assertThat(finished).allSatisfy(f -> {
      assertThat(f.result().state()).isEqualTo(TaskState.FAILED);
      assertThat(f.result().output()).contains("maxTasks=1");
    });
  }

  @Test
  void launcherFailureIsReportedLostAndFreesTheSlot() {
    core(1);
    core.enqueue(List.of(reservation("r", 1), reservation("s", 1)));
    fetches.get(0).answer().complete(tasks("r", 1, true));
    launches.get(0).done().completeExceptionally(new RuntimeException("backend vanished"));

    assertThat(finished.get(0).result().state()).isEqualTo(TaskState.LOST);
    assertThat(finished.get(0).result().output()).contains("backend vanished");
    assertThat(fetchedRequests()).containsExactly("r", "s");
    assertThat(core.load().failedTasks()).isEqualTo(1);
  }

  @Test
  void synchronousCompletionsDoNotRecurseWithoutBound() {
    core = NodeMonitorCore.builder().slots(2).clock(clock)
        .fetcher((r, n) -> CompletableFuture.completedFuture(tasks(r.requestId(), n, false)))
        .launcher(t -> CompletableFuture.completedFuture(TaskOutcome.succeeded()))
        .sink((s, r) -> finished.add(new Finished(s, r)))
        .build();
    core.enqueue(List.of(reservation("big", 50_000)));

    assertThat(finished).hasSize(50_000);
    assertThat(core.load()).isEqualTo(new NodeLoad(2, 0, 0, 0, 50_000, 0));
  }

  @Test
  void badReservationsAreRefusedNamingTheFieldAndNothingQueuedIsLost() {
    core(1);
    core.enqueue(List.of(reservation("a", 1), reservation("kept", 2)));

    assertThatThrownBy(() -> reservation("x", 0)).hasMessageContaining("count 0");
    assertThatThrownBy(() -> reservation("x", Reservation.MAX_COUNT + 1)).hasMessageContaining("count");
    assertThatThrownBy(() -> reservation("", 1)).hasMessageContaining("requestId");
    assertThatThrownBy(() -> new Reservation("x", "app", null, SCHEDULER, 1, "nm", null))
        .hasMessageContaining("user");
    assertThatThrownBy(() -> new Reservation("x", "app", UserInfo.ANONYMOUS, null, 1, "nm", null))
        .hasMessageContaining("schedulerAddress");
    assertThatThrownBy(() -> new Reservation("x", "app", UserInfo.ANONYMOUS, SCHEDULER, 1, "", null))
        .hasMessageContaining("nodeMonitorId");
    assertThatThrownBy(() -> new Reservation("x", "app", UserInfo.ANONYMOUS, SCHEDULER, 3, "nm",
        List.of(task("x", "t")))).hasMessageContaining("boundTasks");
    List<Reservation> withNull = new ArrayList<>();
    withNull.add(reservation("y", 1));
    withNull.add(null);
    assertThatThrownBy(() -> core.enqueue(withNull)).isInstanceOf(IllegalArgumentException.class);

    assertThat(core.load().queuedReservations()).isEqualTo(2);
  }

  @Test
  void closedCoreStopsServingButStillReportsRunningTasks() {
    core(1);
    core.enqueue(List.of(reservation("a", 1), reservation("b", 1)));
    fetches.get(0).answer().complete(tasks("a", 1, true));
    core.close();
    launches.get(0).done().complete(TaskOutcome.succeeded());

    assertThat(finished).hasSize(1);
    assertThat(fetches).hasSize(1);
    assertThatThrownBy(() -> core.enqueue(List.of(reservation("c", 1))))
        .isInstanceOf(IllegalStateException.class);
  }
}
