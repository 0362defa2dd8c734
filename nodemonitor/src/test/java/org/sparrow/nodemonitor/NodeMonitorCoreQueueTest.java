package org.sparrow.nodemonitor;

import org.sparrow.common.UserInfo;
import org.sparrow.common.UserLoad;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.queue.QueueConfig;
import org.sparrow.nodemonitor.queue.QueuePolicies;
import org.sparrow.nodemonitor.queue.ReservationQueue;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/** The core's queue hooks: every slot handed out comes back once, across live policy changes. */
class NodeMonitorCoreQueueTest {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 20507);
  private static final QueuePolicies POLICIES = QueuePolicies.defaults();
  private static final QueueConfig WEIGHTS = new QueueConfig(Map.of("alice", 3, "bob", 1), 1);

  private record Fetch(Reservation reservation, int maxTasks, CompletableFuture<FetchedTasks> answer) {}

  private final List<Fetch> fetches = new ArrayList<>();
  private final List<CompletableFuture<TaskOutcome>> launches = new ArrayList<>();

  private NodeMonitorCore core(int slots, ReservationQueue queue) {
    return NodeMonitorCore.builder().slots(slots).queue(queue).clock(new ManualClock())
        .fetcher((r, max) -> {
          CompletableFuture<FetchedTasks> f = new CompletableFuture<>();
          fetches.add(new Fetch(r, max, f));
          return f;
        })
        .launcher(t -> {
          CompletableFuture<TaskOutcome> f = new CompletableFuture<>();
          launches.add(f);
          return f;
        })
        .sink((s, r) -> {})
        .build();
  }

  private static Reservation reservation(String id, String user, int priority, int count) {
    return Reservation.lateBinding(id, "app", new UserInfo(user, "g", priority), SCHEDULER, count, "nm");
  }

  private static FetchedTasks tasks(String requestId, int n, boolean exhausted) {
    return new FetchedTasks(IntStream.range(0, n).mapToObj(i -> new TaskLaunch(
        new TaskId(requestId + "-t" + i, requestId, "app", SCHEDULER), UserInfo.ANONYMOUS,
        "0".getBytes(StandardCharsets.UTF_8), "sleep")).toList(), exhausted);
  }

  @Test
  void aLivePolicyChangeServesTheWaitingPriorityZeroReservationNext() {
    NodeMonitorCore core = core(1, POLICIES.create("fifo", null));
    core.enqueue(List.of(reservation("running", "batch", 1, 1)));
    for (int i = 0; i < 50; i++) {
      core.enqueue(List.of(reservation("bg-" + i, "batch", 1, 1)));
    }
    core.enqueue(List.of(reservation("fg", "web", 0, 1)));

    core.replaceQueue(POLICIES.create("priority", null));
    assertThat(core.queuePolicy()).isEqualTo("priority");
    assertThat(core.load().queuedReservations()).isEqualTo(51);

    fetches.get(0).answer().complete(tasks("running", 0, true));  // the slot comes back unused
    assertThat(fetches).extracting(f -> f.reservation().requestId()).containsExactly("running", "fg");
  }

  @Test
  void userLoadsCountQueuedAndRunningPerUser() {
    NodeMonitorCore core = core(2, POLICIES.create("weighted-fair", WEIGHTS));
    core.enqueue(List.of(reservation("a", "alice", 0, 3), reservation("b", "bob", 0, 2)));
    fetches.forEach(f -> f.answer().complete(tasks(f.reservation().requestId(), f.maxTasks(), false)));
    assertThat(core.userLoads()).isEqualTo(Map.of(
        "alice", new UserLoad(2, 1), "bob", new UserLoad(1, 1)));
  }

  /** Seeded fuzz: random answers, task ends, cancels and policy changes; no slot is lost or doubled. */
  @Test
  void everySlotIsReleasedOnceAcrossPolicyChanges() {
    Random random = new Random(7);
    List<String> names = List.copyOf(POLICIES.names());
    List<SlotAccountingQueue> queues = new ArrayList<>();
    // This launcher cannot suspend tasks, so the core is never shown priorities to preempt by.
    SlotAccountingQueue first = SlotAccountingQueue.withoutPreemption(POLICIES.create("fifo", WEIGHTS));
    queues.add(first);
    NodeMonitorCore core = core(4, first);
    String[] users = {"alice", "bob", "carol"};
    for (int step = 0; step < 5_000; step++) {
      int action = random.nextInt(10);
      if (action < 3) {
        String id = "r" + random.nextInt(400);
        core.enqueue(List.of(reservation(id, users[Math.floorMod(id.hashCode(), 3)],
            Math.floorMod(id.hashCode(), 4), 1 + random.nextInt(3))));
      } else if (action < 6) {
        List<Fetch> open = fetches.stream().filter(f -> !f.answer().isDone()).toList();
        if (!open.isEmpty()) {
          Fetch f = open.get(random.nextInt(open.size()));
          if (random.nextInt(8) == 0) {
            f.answer().completeExceptionally(new RuntimeException("scheduler gone"));
          } else {
            f.answer().complete(tasks(f.reservation().requestId(), random.nextInt(f.maxTasks() + 2),
                random.nextBoolean()));
          }
        }
      } else if (action < 8) {
        List<CompletableFuture<TaskOutcome>> open = launches.stream().filter(l -> !l.isDone()).toList();
        if (!open.isEmpty()) {
          open.get(random.nextInt(open.size())).complete(TaskOutcome.succeeded());
        }
      } else if (action == 8) {
        core.cancel(List.of("r" + random.nextInt(400)));
      } else {
        SlotAccountingQueue next = SlotAccountingQueue.withoutPreemption(
            POLICIES.create(names.get(random.nextInt(names.size())), WEIGHTS));
        queues.add(next);
        core.replaceQueue(next);
      }
    }
    // Drain: answer every fetch with nothing, end every task.
    while (fetches.stream().anyMatch(f -> !f.answer().isDone())
        || launches.stream().anyMatch(l -> !l.isDone())) {
      fetches.stream().filter(f -> !f.answer().isDone()).toList()
          .forEach(f -> f.answer().complete(tasks(f.reservation().requestId(), 0, true)));
      launches.stream().filter(l -> !l.isDone()).toList().forEach(l -> l.complete(TaskOutcome.succeeded()));
    }
    assertThat(core.load().runningTasks()).isZero();
    assertThat(core.load().fetchingSlots()).isZero();
    assertThat(core.load().queuedReservations()).isZero();
    assertThat(queues.get(queues.size() - 1).out).as("slots still out").isEmpty();
    assertThat(core.userLoads()).isEmpty();
  }
}
