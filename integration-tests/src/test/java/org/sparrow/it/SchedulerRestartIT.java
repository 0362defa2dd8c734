package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.common.Closeables;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.NodeMonitorConfig;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.SchedulerConfig;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.scheduler.SchedulerMetrics;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.zk.EmbeddedZooKeeper;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * A scheduler restarted on the same host:port (real ZooKeeper, daemons in this JVM, real
 * sockets): a node monitor still holding a reservation of the previous process asks the new one
 * for its task, gets nothing and drops it; the new process counts no failure and its own jobs
 * run on the freed slot.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SchedulerRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private EmbeddedZooKeeper zooKeeper;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void startZooKeeper() {
    zooKeeper = EmbeddedZooKeeper.builder().bindHost("127.0.0.1").port(0).build();
    zooKeeper.start();
  }

  @AfterEach
  void stop() {
    GateTask.open();
    List<AutoCloseable> order = new ArrayList<>(open);
    java.util.Collections.reverse(order);
    order.add(zooKeeper);
    Closeables.closeAll(order.toArray(AutoCloseable[]::new));
  }

  @Test
  void aReservationOfThePreviousIncarnationYieldsNoTaskAndIsDropped() throws Exception {
    NodeMonitorDaemon nm = NodeMonitorDaemon.builder().directory(directory()).config(NodeMonitorConfig.builder()
        .slots(1).bindHost("127.0.0.1").advertisedHost("127.0.0.1").internalPort(0).backendPort(0).build())
        .build();
    open.add(nm);
    nm.start();
    GateTask.close();
    SchedulerDaemon old = scheduler(0, 0);
    await().atMost(WAIT).until(() -> old.knownNodeMonitors().contains(nm.id()));

    old.scheduler().submit(JobRequest.of("app", List.of(task("g", "java", GateTask.class.getName()))));
    await().atMost(WAIT).until(() -> nm.load().runningTasks() == 1);
    old.scheduler().submit(JobRequest.of("app", List.of(task("n", "noop", ""))).withProbeRatio(1.0));
    await().atMost(WAIT).until(() -> nm.load().queuedReservations() == 1);
    HostPort address = old.address();
    HostPort internal = old.internalAddress();
    String oldBoot = old.scheduler().bootId();
    old.close();  // as its process ended: its reservation stays queued on the node monitor

    SchedulerDaemon fresh = scheduler(address.port(), internal.port());
    assertThat(fresh.internalAddress()).isEqualTo(internal);
    assertThat(fresh.scheduler().bootId()).isNotEqualTo(oldBoot);
    await().atMost(WAIT).until(() -> fresh.knownNodeMonitors().contains(nm.id()));

    GateTask.open();  // the slot frees: the node monitor asks the new process for the leftover's task
    await().atMost(WAIT).untilAsserted(() -> {
      assertThat(fresh.metrics().meter(SchedulerMetrics.GET_TASKS_OTHER_INCARNATION).getCount())
          .as("getTasks naming the previous incarnation").isEqualTo(1);
      assertThat(nm.load().queuedReservations()).as("the leftover reservation was dropped").isZero();
      assertThat(nm.load().runningTasks()).isZero();
    });
    assertThat(fresh.metrics().meter(SchedulerMetrics.NODES_SUSPECTED).getCount()).isZero();
    assertThat(fresh.metrics().meter(SchedulerMetrics.ENQUEUE_FAILURES).getCount()).isZero();
    assertThat(fresh.metrics().meter(SchedulerMetrics.TASKS_LOST).getCount()).isZero();

    String own = fresh.scheduler().submit(JobRequest.of("app", List.of(task("m", "noop", ""))));
    await().atMost(WAIT).until(() -> fresh.scheduler().status(own).state() == JobState.SUCCEEDED);
    assertThat(nm.load().completedTasks()).as("the gate and the new job's task; never the leftover").isEqualTo(2);
  }

  private SchedulerDaemon scheduler(int port, int internalPort) throws Exception {
    SchedulerDaemon s = SchedulerDaemon.builder().directory(directory()).config(SchedulerConfig.builder()
            .bindHost("127.0.0.1").advertisedHost("127.0.0.1").port(port).internalPort(internalPort).build())
        .random(new Random(3)).build();
    open.add(s);
    s.start();
    return s;
  }

  private ZkClusterDirectory directory() {
    ZkClusterDirectory d = ZkClusterDirectory.builder().connectString(zooKeeper.connectString())
        .clusterName("restart").build();
    open.add(d);
    d.start();
    return d;
  }

  private static TaskRequest task(String id, String kind, String message) {
    return new TaskRequest(id, message.getBytes(StandardCharsets.UTF_8), kind, List.of(), null);
  }
}
