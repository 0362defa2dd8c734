package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.nodemonitor.testtasks.BlockingTask;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TEnqueueResult;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TTaskState;

/** Boot ids on the wire and the drain of a whole daemon, over real Thrift on loopback. */
class DrainAndIncarnationTest extends NodeMonitorOverLoopback {

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String BLOCKING = "org.sparrow.nodemonitor.testtasks.BlockingTask ";

  @Override
  NodeMonitorConfig.Builder config(NodeMonitorConfig.Builder defaults) {
    return defaults.drainTimeoutMs(20_000);
  }

  @Override
  NodeMonitorDaemon.Builder daemon(NodeMonitorDaemon.Builder defaults) {
    return defaults.bootId("boot-2");
  }

  @Test
  void announcesItsBootIdAndStampsItOnEveryRpc() throws Exception {
    assertThat(directory.nodeMonitors().snapshot().get(nm.id()).bootId()).isEqualTo("boot-2");
    assertThat(NodeMonitorDaemon.builder().directory(directory).build().bootId())
        .as("random per daemon").isNotEmpty().isNotEqualTo("boot-2");
    scheduler.addJob("j", List.of(scheduler.task("j", "t0", "app", "noop", "")));
    TEnqueueResult result = enqueue(scheduler.reservation("j", "app", 1, nm.id())
        .setSchedulerBootId("sched-boot"));
    assertThat(result.getNodeMonitorBootId()).isEqualTo("boot-2");
    await().atMost(WAIT).until(() -> scheduler.results.size() == 1);
    assertThat(scheduler.getTasksCalls.get(0).getNodeMonitorBootId()).isEqualTo("boot-2");
    assertThat(scheduler.getTasksCalls.get(0).getSchedulerBootId()).isEqualTo("sched-boot");
    assertThat(scheduler.results.get(0).getNodeMonitorBootId()).isEqualTo("boot-2");
    assertThat(scheduler.results.get(0).getSchedulerBootId()).as("the placing scheduler's, echoed")
        .isEqualTo("sched-boot");
    TNodeLoad load = clients.call(nm.internalAddress(), NodeMonitorInternalService.Client::getLoad);
    assertThat(load.getNodeMonitorBootId()).isEqualTo("boot-2");
    assertThat(load.isDraining()).isFalse();
  }

  @Test
  void refusesReservationsAndIgnoresCancelsAddressedToAnotherIncarnation() throws Exception {
    scheduler.addJob("ours", List.of(scheduler.task("ours", "t0", "app", "noop", "")));
    TEnqueueResult result = enqueue(
        scheduler.reservation("old", "app", 3, nm.id()).setNodeMonitorBootId("boot-1"),
        scheduler.reservation("ours", "app", 1, nm.id()).setNodeMonitorBootId("boot-2"));
    assertThat(result.getAcceptedEach()).containsExactly(0, 1);
    await().atMost(WAIT).until(() -> scheduler.results.size() == 1);
    assertThat(scheduler.getTasksCalls).extracting(r -> r.getRequestId()).containsOnly("ours");
    assertThat(scheduler.results.get(0).isSetSchedulerBootId())
        .as("a reservation naming no scheduler incarnation: its report names none either").isFalse();

    // A cancel for the old incarnation must not tombstone the id here.
    clients.run(nm.internalAddress(), c -> {
      c.cancelReservations(List.of("next"), "boot-1");
      return null;
    });
    scheduler.addJob("next", List.of(scheduler.task("next", "t0", "app", "noop", "")));
    assertThat(enqueue(scheduler.reservation("next", "app", 1, nm.id())).getAccepted()).isEqualTo(1);
    await().atMost(WAIT).until(() -> scheduler.results.size() == 2);
  }

  @Test
  void drainReturnsQueuedReservationsFinishesRunningTasksThenDeregisters() throws Exception {
    String gate = "drain-" + System.nanoTime();
    BlockingTask.prepare(gate);
    scheduler.addJob("running", List.of(
        scheduler.task("running", "b0", "app", "java", BLOCKING + gate),
        scheduler.task("running", "b1", "app", "java", BLOCKING + gate)));
    enqueue(scheduler.reservation("running", "app", 2, nm.id()));
    await().atMost(WAIT).until(() -> BlockingTask.THREADS.get(gate).size() == 2);
    enqueue(scheduler.reservation("queued-1", "app", 2, nm.id()).setSchedulerBootId("sched-boot"),
        scheduler.reservation("queued-2", "app", 1, nm.id()).setSchedulerBootId("sched-boot"));

    clients.run(nm.internalAddress(), c -> {
      c.drain(0);
      return null;
    });
    await().atMost(WAIT).until(() -> scheduler.returned.size() == 2);
    assertThat(scheduler.returned).containsExactly("queued-1", "queued-2");
    assertThat(scheduler.returnedBootIds).as("in one call naming the placing incarnation")
        .containsExactly("sched-boot");
    assertThat(nm.isDraining()).isTrue();
    assertThat(enqueue(scheduler.reservation("late", "app", 1, nm.id())).getAccepted()).isZero();
    assertThat(directory.nodeMonitors().snapshot()).as("still announced while tasks run")
        .containsKey(nm.id());

    BlockingTask.GATES.get(gate).countDown();
    nm.terminated().toCompletableFuture().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    assertThat(scheduler.results).hasSize(2)
        .allMatch(r -> r.getState() == TTaskState.SUCCEEDED);
    assertThat(directory.nodeMonitors().snapshot()).isEmpty();
    assertThat(scheduler.getTasksCalls).extracting(r -> r.getRequestId()).containsOnly("running");
  }

  @Test
  void tasksStillRunningAtTheDrainTimeoutEndLost() throws Exception {
    String gate = "timeout-" + System.nanoTime();
    BlockingTask.prepare(gate);
    scheduler.addJob("slow", List.of(scheduler.task("slow", "b0", "app", "java", BLOCKING + gate)));
    enqueue(scheduler.reservation("slow", "app", 1, nm.id()));
    await().atMost(WAIT).until(() -> BlockingTask.THREADS.get(gate).size() == 1);
    nm.drain(200);
    nm.terminated().toCompletableFuture().get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    BlockingTask.GATES.get(gate).countDown();
    assertThat(directory.nodeMonitors().snapshot()).isEmpty();
    await().atMost(WAIT).until(() -> scheduler.results.size() == 1);
    assertThat(scheduler.results.get(0).getState()).isEqualTo(TTaskState.LOST);
  }
}
