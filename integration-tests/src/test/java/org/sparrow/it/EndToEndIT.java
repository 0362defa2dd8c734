package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;
import org.sparrow.client.TaskResult;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;

/** Jobs through a real local cluster: embedded ZooKeeper, real daemons, real sockets. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EndToEndIT {

  private static LocalCluster cluster;
  private static SparrowClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(4).slots(2).schedulers(2).zkPort(0)
        .clusterName("e2e").build().start();
    client = SparrowClient.builder().zookeeper(cluster.connectString()).cluster("e2e")
        .app("e2e").callbackHost("127.0.0.1").timeout(Duration.ofSeconds(30)).build().start();
    await().atMost(Duration.ofSeconds(10)).until(() -> client.schedulerAddresses().size() == 2);
  }

  @AfterAll
  static void stop() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void jobsCompleteThroughTwoSchedulersAtOnce() throws Exception {
    List<CompletableFuture<JobResult>> futures = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      futures.add(client.submit(Job.of(4, "sleep", "2")));
    }
    Set<String> schedulersUsed = new HashSet<>();
    for (CompletableFuture<JobResult> f : futures) {
      JobResult r = f.get(30, TimeUnit.SECONDS);
      assertThat(r.succeeded()).as("job %s: %s", r.requestId(), r.tasks()).isTrue();
      assertThat(r.tasks()).extracting(TaskResult::taskId).containsExactly("t0", "t1", "t2", "t3");
      schedulersUsed.add(r.scheduler());
    }
    assertThat(schedulersUsed).hasSize(2);
    assertThat(futures.stream().map(CompletableFuture::join).map(JobResult::requestId).distinct())
        .as("request ids are unique across schedulers").hasSize(100);
  }

  @Test
  void reservationQueuesDrainAfterABurst() throws Exception {
    List<CompletableFuture<JobResult>> futures = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      futures.add(client.submit(Job.builder().tasks(Job.of(4, "sleep", "5").tasks()).probeRatio(2.0).build()));
    }
    for (CompletableFuture<JobResult> f : futures) {
      assertThat(f.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    }
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (NodeMonitorDaemon nm : cluster.nodeMonitors()) {
        assertThat(nm.load().queuedReservations()).as("queued reservations on %s", nm.id()).isZero();
        assertThat(nm.load().runningTasks()).as("running on %s", nm.id()).isZero();
      }
    });
  }

  @Test
  void launchingEveryTaskCancelsTheReservationsLeftOnBusyNodes() throws Exception {
    // Two node monitors that only this test's jobs may use. "busy" has every slot held, so a
    // reservation queued there could only go away by proactive cancellation.
    NodeMonitorDaemon busy = cluster.addNodeMonitor(2, Map.of("pair", "yes"));
    NodeMonitorDaemon free = cluster.addNodeMonitor(2, Map.of("pair", "yes"));
    GateTask.close();
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> cluster.schedulers().stream()
          .allMatch(s -> s.knownNodeMonitors().containsAll(List.of(busy.id(), free.id()))));
      CompletableFuture<JobResult> blockers = client.submit(Job.builder()
          .task(Task.java("g0", GateTask.class.getName(), ""))
          .task(Task.java("g1", GateTask.class.getName(), ""))
          .constraint("local.index", busy.info().attributes().get("local.index"))
          .build());
      await().atMost(Duration.ofSeconds(10)).until(() -> busy.load().runningTasks() == 2);

      // d = 2 for one task on two eligible nodes: one reservation on each.
      JobResult r = client.submit(Job.builder().task(Task.noop("n")).constraint("pair", "yes")
          .probeRatio(2.0).build()).get(30, TimeUnit.SECONDS);
      assertThat(r.tasks()).singleElement().satisfies(t -> assertThat(t.nodeMonitorId()).isEqualTo(free.id()));

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertThat(busy.load().runningTasks()).as("the gate still holds every slot").isEqualTo(2);
        assertThat(busy.load().queuedReservations()).as("reservation cancelled on the busy node").isZero();
      });
      GateTask.open();
      assertThat(blockers.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    } finally {
      GateTask.open();
      cluster.stopNodeMonitor(busy);
      cluster.stopNodeMonitor(free);
    }
  }

  @Test
  void tasksRunTheirKindAndReportResults() throws Exception {
    JobResult r = client.submit(Job.builder()
        .task(Task.noop("a"))
        .task(Task.sleep("b", 20))
        .task(Task.java("c", "org.sparrow.it.ExitCodeTask", "7"))
        .build()).get(30, TimeUnit.SECONDS);
    assertThat(r.tasks()).extracting(TaskResult::state).containsOnly(TaskResult.State.SUCCEEDED,
        TaskResult.State.FAILED);
    assertThat(r.tasks().get(0).succeeded()).isTrue();
    assertThat(r.tasks().get(1).succeeded()).isTrue();
    assertThat(r.tasks().get(1).runMicros()).isGreaterThanOrEqualTo(20_000);
    assertThat(r.tasks().get(2).exitCode()).isEqualTo(7);
    assertThat(r.tasks().get(2).state()).isEqualTo(TaskResult.State.FAILED);
    assertThat(r.tasks()).allSatisfy(t -> assertThat(t.nodeMonitorId()).isNotBlank());
  }

  @Test
  void jobConstraintsPlaceTasksOnMatchingNodesOnly() throws Exception {
    NodeMonitorDaemon target = cluster.nodeMonitors().get(1);
    String index = target.info().attributes().get("local.index");
    for (int i = 0; i < 10; i++) {
      JobResult r = client.submit(Job.builder().tasks(Job.of(3, "noop", null).tasks())
          .constraint("local.index", index).build()).get(30, TimeUnit.SECONDS);
      assertThat(r.tasks()).allSatisfy(t -> assertThat(t.nodeMonitorId()).isEqualTo(target.id()));
    }
  }

  @Test
  void aNodeMonitorThatJoinsGetsWorkAndOneThatLeavesGetsNone() throws Exception {
    NodeMonitorDaemon joined = cluster.addNodeMonitor(2, Map.of("role", "late"));
    try {
      await().atMost(Duration.ofSeconds(10)).until(() -> cluster.schedulers().stream()
          .allMatch(s -> s.knownNodeMonitors().contains(joined.id())));
      JobResult r = client.submit(Job.builder().tasks(Job.of(2, "noop", null).tasks())
          .constraint("role", "late").build()).get(30, TimeUnit.SECONDS);
      assertThat(r.tasks()).allSatisfy(t -> assertThat(t.nodeMonitorId()).isEqualTo(joined.id()));
    } finally {
      cluster.stopNodeMonitor(joined);
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> cluster.schedulers().stream()
        .noneMatch(s -> s.knownNodeMonitors().contains(joined.id())));
    List<CompletableFuture<JobResult>> futures = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      futures.add(client.submit(Job.of(4, "noop", null)));
    }
    for (CompletableFuture<JobResult> f : futures) {
      JobResult result = f.get(30, TimeUnit.SECONDS);
      assertThat(result.succeeded()).isTrue();
      assertThat(result.tasks()).noneMatch(t -> t.nodeMonitorId().equals(joined.id()));
    }
  }
}
