package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;
import org.sparrow.common.Closeables;
import org.sparrow.common.Lifecycle;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * The fatal path of daemons sharing one JVM (local mode): the daemon that meets the fatal error
 * leaves (its entry withdrawn, closed, gone from the local cluster's lists) and the others stay
 * registered and keep running jobs; the JVM goes on.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LocalFatalPathIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private LocalCluster cluster;
  private SparrowClient client;
  private ZkClusterDirectory observer;

  @BeforeEach
  void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(2).slots(2).schedulers(2).zkPort(0)
        .clusterName("local-fatal").build().start();
    observer = ZkClusterDirectory.builder().connectString(cluster.connectString()).clusterName("local-fatal").build();
    observer.start();
    client = SparrowClient.builder().zookeeper(cluster.connectString()).cluster("local-fatal")
        .callbackHost("127.0.0.1").timeout(WAIT).build().start();
    await().atMost(WAIT).until(() -> client.schedulerAddresses().size() == 2
        && observer.nodeMonitors().snapshot().size() == 2);
  }

  @AfterEach
  void stop() {
    Closeables.closeAll(client, observer, cluster);
  }

  @Test
  void aNodeMonitorWhoseTaskRunsOutOfMemoryLeavesAndTheOthersGoOn() throws Exception {
    NodeMonitorDaemon doomed = cluster.nodeMonitors().get(0);
    NodeMonitorDaemon survivor = cluster.nodeMonitors().get(1);

    JobResult bomb = client.submit(Job.builder()
            .task(Task.java("oom", OutOfMemoryTask.class.getName(), "").onNodes(List.of(doomed.id())))
            .maxAttempts(1).build())
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(bomb.succeeded()).isFalse();
    await().atMost(WAIT).until(() -> doomed.state() == Lifecycle.State.CLOSED);
    await().atMost(WAIT).until(() -> !observer.nodeMonitors().snapshot().containsKey(doomed.id()));
    await().atMost(WAIT).until(() -> !cluster.nodeMonitors().contains(doomed));
    assertThat(survivor.state()).isEqualTo(Lifecycle.State.STARTED);
    assertThat(observer.nodeMonitors().snapshot()).containsOnlyKeys(survivor.id());
    assertThat(cluster.schedulers()).allSatisfy(s -> assertThat(s.state()).isEqualTo(Lifecycle.State.STARTED));
    assertAJobRunsOn(survivor.id());
  }

  @Test
  void aSchedulerOnItsFatalPathLeavesAndTheOtherGoesOn() throws Exception {
    SchedulerDaemon doomed = cluster.schedulers().get(0);
    SchedulerDaemon survivor = cluster.schedulers().get(1);
    String doomedId = doomed.id();

    // What any of its pools, timers, servers or ZooKeeper listeners does with a fatal error.
    doomed.fatalPath().accept(new OutOfMemoryError("injected"));

    await().atMost(WAIT).until(() -> doomed.state() == Lifecycle.State.CLOSED);
    await().atMost(WAIT).until(() -> !observer.schedulers().snapshot().containsKey(doomedId));
    await().atMost(WAIT).until(() -> !cluster.schedulers().contains(doomed));
    await().atMost(WAIT).until(() -> client.schedulerAddresses().size() == 1);
    assertThat(survivor.state()).isEqualTo(Lifecycle.State.STARTED);
    assertThat(cluster.nodeMonitors()).hasSize(2);
    assertAJobRunsOn(cluster.nodeMonitors().get(0).id(), cluster.nodeMonitors().get(1).id());
  }

  private void assertAJobRunsOn(String... nodeMonitorIds) throws Exception {
    JobResult result = client.submit(Job.builder().task(Task.noop("a")).task(Task.noop("b")).build())
        .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.succeeded()).as("%s", result).isTrue();
    assertThat(result.tasks()).allSatisfy(t -> assertThat(nodeMonitorIds).contains(t.nodeMonitorId()));
  }
}
