package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.sparrow.common.UserLoad;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.UserInfo;
import org.sparrow.nodemonitor.launch.TaskLauncher;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.queue.QueueConfig;
import org.sparrow.nodemonitor.queue.QueuePolicies;
import org.sparrow.nodemonitor.queue.ReservationQueue;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/**
 * Preemption decisions of the core under a preemptive priority policy, on a fake clock with a
 * launcher that records suspend and resume: a more urgent reservation takes the slot of the
 * youngest lowest-priority running task, which resumes first when a slot frees.
 */
class NodeMonitorCorePreemptionTest {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 20507);
  private static final QueuePolicies POLICIES = QueuePolicies.defaults();

  /** A fake launcher: sleep tasks can be suspended, backend tasks (no kind) cannot. */
  private final class Launcher implements TaskLauncher {
    @Override
    public CompletableFuture<TaskOutcome> launch(TaskLaunch task) {
      CompletableFuture<TaskOutcome> f = new CompletableFuture<>();
      launched.put(task.taskId().taskId(), f);
      return f;
    }

    @Override
    public boolean canSuspend(TaskLaunch task) {
      return "sleep".equals(task.kind());
    }

    @Override
    public void suspend(TaskId task) {
      events.add("suspend " + task.taskId());
      paused.add(task.taskId());
    }

    @Override
    public void resume(TaskId task) {
      events.add("resume " + task.taskId());
      paused.remove(task.taskId());
    }
  }

  private record Fetch(Reservation reservation, int maxTasks, CompletableFuture<FetchedTasks> answer) {}

  private final ManualClock clock = new ManualClock();
  private final List<Fetch> fetches = new ArrayList<>();
  private final Map<String, CompletableFuture<TaskOutcome>> launched = new LinkedHashMap<>();
  private final List<String> events = new ArrayList<>();
  private final List<String> paused = new ArrayList<>();
  private final Map<String, TaskResult> results = new HashMap<>();
  private final Map<String, Integer> reports = new HashMap<>();

  private NodeMonitorCore core(int slots, ReservationQueue queue) {
    return NodeMonitorCore.builder().slots(slots).queue(queue).clock(clock)
        .fetcher((r, max) -> {
          CompletableFuture<FetchedTasks> f = new CompletableFuture<>();
          fetches.add(new Fetch(r, max, f));
          return f;
        })
        .launcher(new Launcher())
        .sink((s, r) -> {
          results.put(r.taskId().taskId(), r);
          reports.merge(r.taskId().taskId(), 1, Integer::sum);
        })
        .build();
  }

  private static Reservation reservation(String id, String user, int priority, int count) {
    return Reservation.lateBinding(id, "app", new UserInfo(user, "g", priority), SCHEDULER, count, "nm");
  }

  private final Map<String, Integer> taskNumbers = new HashMap<>();

  /** Tasks numbered per request across fetches: {@code <request>-t0}, {@code -t1}, ... */
  private FetchedTasks tasks(String requestId, int n, String kind) {
    return new FetchedTasks(IntStream.range(0, n).mapToObj(i -> new TaskLaunch(
        new TaskId(requestId + "-t" + (taskNumbers.merge(requestId, 1, Integer::sum) - 1),
            requestId, "app", SCHEDULER), UserInfo.ANONYMOUS,
        "100".getBytes(StandardCharsets.UTF_8), kind)).toList(), false);
  }

  /** Answers the open fetch of {@code requestId} with {@code n} tasks of {@code kind}. */
  private void answer(String requestId, int n, String kind) {
    Fetch f = fetches.stream().filter(x -> !x.answer().isDone()
        && x.reservation().requestId().equals(requestId)).findFirst().orElseThrow(
            () -> new AssertionError("no open fetch for " + requestId));
    f.answer().complete(tasks(requestId, Math.min(n, f.maxTasks()), kind));
  }

  private List<String> openFetches() {
    return fetches.stream().filter(f -> !f.answer().isDone())
        .map(f -> f.reservation().requestId()).toList();
  }

  /** Four slots busy with priority-1 sleep tasks bg0..bg3 (bg3 the youngest). */
  private NodeMonitorCore busyWithBackground(String policy) {
    NodeMonitorCore core = core(4, POLICIES.create(policy, null));
    for (int i = 0; i < 4; i++) {
      core.enqueue(List.of(reservation("bg" + i, "batch", 1, 1)));
      clock.advance(Duration.ofMillis(1));
      answer("bg" + i, 1, "sleep");
    }
    assertThat(core.load().runningTasks()).isEqualTo(4);
    return core;
  }

  @Test
  void aPriorityZeroReservationArrivingWithEverySlotBusyRunsAtOnce() {
    NodeMonitorCore core = busyWithBackground("priority");
    core.enqueue(List.of(reservation("bg-queued", "batch", 1, 1)));
    core.enqueue(List.of(reservation("fg", "web", 0, 1)));

    assertThat(events).containsExactly("suspend bg3-t0");  // the youngest lowest-priority task
    assertThat(openFetches()).containsExactly("fg");
    answer("fg", 1, "sleep");
    assertThat(launched).containsKey("fg-t0");
    assertThat(core.load().runningTasks()).isEqualTo(4);
    assertThat(core.suspendedTasks()).isEqualTo(1);
    assertThat(core.preemptions()).isEqualTo(1);
    assertThat(core.load().suspendedTasks()).as("what getLoad reports").isEqualTo(1);
    assertThat(core.load().preemptions()).isEqualTo(1);
  }

  @Test
  void theSuspendedTaskResumesBeforeQueuedLowerPriorityReservations() {
    NodeMonitorCore core = busyWithBackground("priority");
    core.enqueue(List.of(reservation("bg-queued", "batch", 1, 1)));
    core.enqueue(List.of(reservation("fg", "web", 0, 1)));
    answer("fg", 1, "sleep");

    launched.get("fg-t0").complete(TaskOutcome.succeeded());

    assertThat(events).containsExactly("suspend bg3-t0", "resume bg3-t0");
    assertThat(openFetches()).as("the queued priority-1 reservation still waits").isEmpty();
    assertThat(core.suspendedTasks()).isZero();
    assertThat(core.load().suspendedTasks()).isZero();
    assertThat(core.load().preemptions()).as("a resumed task's suspension still counts").isEqualTo(1);
    assertThat(core.load().queuedReservations()).isEqualTo(1);

    launched.get("bg0-t0").complete(TaskOutcome.succeeded());
    assertThat(openFetches()).containsExactly("bg-queued");
  }

  @Test
  void aHigherPriorityQueuedReservationGoesBeforeTheSuspendedTask() {
    NodeMonitorCore core = busyWithBackground("priority");
    core.enqueue(List.of(reservation("fg", "web", 0, 2)));
    assertThat(events).containsExactly("suspend bg3-t0", "suspend bg2-t0");
    assertThat(fetches.get(fetches.size() - 1).maxTasks()).isEqualTo(1);
    answer("fg", 1, "sleep");
    answer("fg", 1, "sleep");
    core.enqueue(List.of(reservation("fg2", "web", 0, 1)));  // bg0 and bg1 still run: bg1 goes
    assertThat(events).containsExactly("suspend bg3-t0", "suspend bg2-t0", "suspend bg1-t0");
    answer("fg2", 1, "sleep");

    launched.get("fg-t0").complete(TaskOutcome.succeeded());
    // nothing of priority 0 queued: the first suspended resumes
    assertThat(events).endsWith("resume bg3-t0");
  }

  @Test
  void anUnusedSlotOfTheUrgentReservationGoesBackToTheSuspendedTask() {
    NodeMonitorCore core = busyWithBackground("priority");
    core.enqueue(List.of(reservation("fg", "web", 0, 1)));
    fetches.get(fetches.size() - 1).answer().complete(FetchedTasks.none());  // placed elsewhere
    assertThat(events).containsExactly("suspend bg3-t0", "resume bg3-t0");
    assertThat(core.load().runningTasks()).isEqualTo(4);
    assertThat(core.suspendedTasks()).isZero();
  }

  @Test
  void tasksThatCannotBeSuspendedAreNotPreempted() {
    NodeMonitorCore core = core(2, POLICIES.create("priority", null));
    core.enqueue(List.of(reservation("backend", "batch", 1, 1), reservation("sleeper", "batch", 2, 1)));
    answer("backend", 1, null);
    answer("sleeper", 1, "sleep");
    core.enqueue(List.of(reservation("fg", "web", 0, 1)));
    assertThat(events).containsExactly("suspend sleeper-t0");  // priority 2, a sleep: it goes
    answer("fg", 1, "sleep");
    core.enqueue(List.of(reservation("fg2", "web", 0, 1)));
    assertThat(events).as("the backend task keeps its slot").hasSize(1);
    assertThat(openFetches()).isEmpty();
  }

  @Test
  void equalOrLowerPrioritiesNeverPreempt() {
    NodeMonitorCore core = busyWithBackground("priority");
    core.enqueue(List.of(reservation("same", "batch", 1, 1), reservation("lower", "batch", 5, 1)));
    assertThat(events).isEmpty();
    assertThat(openFetches()).isEmpty();
  }

  @Test
  void nonPreemptivePoliciesNeverSuspend() {
    for (String policy : List.of("fifo", "priority-nonpreemptive", "weighted-fair")) {
      events.clear();
      NodeMonitorCore core = busyWithBackground(policy);
      core.enqueue(List.of(reservation("fg-" + policy, "web", 0, 1)));
      assertThat(events).as(policy).isEmpty();
      assertThat(core.preemptions()).isZero();
    }
  }

  @Test
  void theRunTimeOfASuspendedTaskLeavesOutItsSuspension() {
    NodeMonitorCore core = busyWithBackground("priority");
    core.enqueue(List.of(reservation("fg", "web", 0, 1)));
    answer("fg", 1, "sleep");
    clock.advance(Duration.ofMillis(500));
    launched.get("fg-t0").complete(TaskOutcome.succeeded());
    clock.advance(Duration.ofMillis(100));
    launched.get("bg3-t0").complete(TaskOutcome.succeeded());
    assertThat(results.get("bg3-t0").runMicros()).isEqualTo(100_000);
    assertThat(results).doesNotContainKey("bg2-t0");
  }

  @Test
  void aTaskThatEndsWhileSuspendedFreesNothingTwice() {
    NodeMonitorCore core = busyWithBackground("priority");
    core.enqueue(List.of(reservation("fg", "web", 0, 1)));
    answer("fg", 1, "sleep");
    launched.get("bg3-t0").complete(TaskOutcome.failed("stopped: its job was cancelled"));
    assertThat(core.suspendedTasks()).isZero();
    assertThat(core.load().runningTasks()).isEqualTo(4);
    assertThat(reports.get("bg3-t0")).isEqualTo(1);
    assertThat(core.userLoads()).containsEntry("batch", new UserLoad(0, 3));
  }

  @Test
  void weightedFairWithinAPriorityPreemptsToo() {
    NodeMonitorCore core = busyWithBackground("priority-weighted-fair");
    core.enqueue(List.of(reservation("fg", "web", 0, 1)));
    assertThat(events).containsExactly("suspend bg3-t0");
    assertThat(core.userLoads()).containsEntry("batch", new UserLoad(0, 3));
  }

  /**
   * Seeded fuzz on a fake clock: two priorities of suspendable tasks plus backend tasks arrive and
   * end at random under each preemptive policy. Invariants: at most {@code slots} tasks hold a
   * slot, every slot the queue hands out comes back once, a suspended task is never running,
   * every task is reported once, and once arrivals stop every task ends (nothing starves).
   */
  @Test
  void noSlotIsLostAndNoTaskStarves() {
    for (String policy : List.of("priority", "priority-weighted-fair")) {
      for (long seed = 1; seed <= 5; seed++) {
        fuzz(policy, seed);
      }
    }
  }

  private void fuzz(String policy, long seed) {
    fetches.clear();
    launched.clear();
    events.clear();
    paused.clear();
    reports.clear();
    Random random = new Random(seed);
    ReservationQueue inner = POLICIES.create(policy, new QueueConfig(Map.of("alice", 3), 1));
    SlotAccountingQueue checked = SlotAccountingQueue.of(inner);
    int slots = 3;
    NodeMonitorCore core = core(slots, checked);
    String[] users = {"alice", "bob"};
    int fetchedTasks = 0;
    for (int step = 0; step < 3_000; step++) {
      clock.advance(Duration.ofMillis(random.nextInt(5)));
      int action = random.nextInt(10);
      if (action < 3) {
        core.enqueue(List.of(reservation("r" + step, users[random.nextInt(2)], random.nextInt(3),
            1 + random.nextInt(2))));
      } else if (action < 6) {
        List<Fetch> open = fetches.stream().filter(f -> !f.answer().isDone()).toList();
        if (!open.isEmpty()) {
          Fetch f = open.get(random.nextInt(open.size()));
          int n = random.nextInt(f.maxTasks() + 1);
          fetchedTasks += n;
          f.answer().complete(tasks(f.reservation().requestId(), n,
              random.nextInt(4) == 0 ? null : "sleep"));
        }
      } else {
        List<Map.Entry<String, CompletableFuture<TaskOutcome>>> open = launched.entrySet().stream()
            .filter(e -> !e.getValue().isDone() && !paused.contains(e.getKey())).toList();
        if (!open.isEmpty()) {
          open.get(random.nextInt(open.size())).getValue().complete(TaskOutcome.succeeded());
        }
      }
      NodeLoad load = core.load();
      assertThat(load.runningTasks() + load.fetchingSlots()).isLessThanOrEqualTo(slots);
      long unpausedRunning = launched.entrySet().stream()
          .filter(e -> !e.getValue().isDone() && !paused.contains(e.getKey())).count();
      assertThat(unpausedRunning).as("seed %d step %d", seed, step).isEqualTo(load.runningTasks());
      assertThat(paused).hasSize(core.suspendedTasks());
    }
    // Arrivals stop: only running (never suspended) tasks end, fetches bring nothing more.
    for (int round = 0; round < 10_000 && (core.suspendedTasks() > 0
        || launched.values().stream().anyMatch(f -> !f.isDone()) || !openFetches().isEmpty()); round++) {
      fetches.stream().filter(f -> !f.answer().isDone()).toList()
          .forEach(f -> f.answer().complete(FetchedTasks.none()));
      launched.entrySet().stream().filter(e -> !e.getValue().isDone() && !paused.contains(e.getKey()))
          .findFirst().ifPresent(e -> e.getValue().complete(TaskOutcome.succeeded()));
    }
    assertThat(core.suspendedTasks()).as("%s seed %d: suspended left", policy, seed).isZero();
    assertThat(launched.values()).allMatch(CompletableFuture::isDone);
    assertThat(reports).hasSize(fetchedTasks).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
    assertThat(checked.out).as("slots still handed out").isEmpty();
    assertThat(core.userLoads()).isEmpty();
    assertThat(core.load().runningTasks()).isZero();
    assertThat(core.preemptions()).as("%s seed %d preempted", policy, seed).isPositive();
  }
}
