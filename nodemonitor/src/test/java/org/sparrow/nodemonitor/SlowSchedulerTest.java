package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.Closeables;
import org.sparrow.common.InMemoryClusterDirectory;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TTaskLaunch;
import org.sparrow.thrift.TTaskState;

/** A frozen scheduler costs its own jobs time, not the healthy scheduler's (real Thrift). */
class SlowSchedulerTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final InMemoryClusterDirectory directory = new InMemoryClusterDirectory("test");
  private final ClientPool<NodeMonitorInternalService.Client> clients =
      ClientPool.builder(NodeMonitorInternalService.Client::new).build();
  private FakeScheduler frozen;
  private FakeScheduler healthy;
  private NodeMonitorDaemon nm;

  @BeforeEach
  void start() throws IOException {
    frozen = new FakeScheduler().start();
    healthy = new FakeScheduler().start();
    nm = NodeMonitorDaemon.builder().directory(directory).config(NodeMonitorConfig.builder().slots(2)
        .bindHost("127.0.0.1").advertisedHost("127.0.0.1").internalPort(0).backendPort(0)
        .getTasksTimeoutMs(300).slowSchedulerBackoffMs(60_000).build()).build().start();
  }

  @AfterEach
  void stop() {
    CountDownLatch gate = frozen.getTasksGate;
    if (gate != null) {
      gate.countDown();
    }
    Closeables.closeAll(nm, frozen, healthy, clients);
  }

  private void enqueue(TReservation... reservations) throws Exception {
    clients.call(nm.internalAddress(), c -> c.enqueueReservations(List.of(reservations)));
  }

  @Test
  void theHealthySchedulersReservationsGoFirstAndTheFrozenOnesTasksStillRunOnce()
      throws Exception {
    CountDownLatch thaw = new CountDownLatch(1);
    frozen.getTasksGate = thaw;
    frozen.addJob("stuck", List.of(frozen.task("stuck", "s0", "app", "noop", ""),
        frozen.task("stuck", "s1", "app", "noop", "")));
    enqueue(frozen.reservation("stuck", "app", 2, nm.id()));
    await().atMost(WAIT).until(() -> frozen.getTasksCalls.size() >= 1);

    // Behind the frozen scheduler's reservation: 20 single-task jobs of the healthy one.
    List<TReservation> reservations = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String job = "ok-" + i;
      List<TTaskLaunch> tasks = List.of(healthy.task(job, "t", "app", "noop", ""));
      healthy.addJob(job, tasks);
      reservations.add(healthy.reservation(job, "app", 1, nm.id()));
    }
    enqueue(reservations.toArray(TReservation[]::new));
    await().atMost(WAIT).until(() -> healthy.results.size() == 20);
    assertThat(frozen.results).isEmpty();

    // Thawed: the answer it gave to the repeated fetch id runs here, once per task.
    thaw.countDown();
    await().atMost(WAIT).until(() -> frozen.results.size() == 2);
    assertThat(frozen.results).allMatch(r -> r.getState() == TTaskState.SUCCEEDED)
        .extracting(r -> r.getTaskId().getTaskId()).containsExactlyInAnyOrder("s0", "s1");
    assertThat(frozen.getTasksCalls).extracting(r -> r.getFetchId()).doesNotContainNull();
  }
}
