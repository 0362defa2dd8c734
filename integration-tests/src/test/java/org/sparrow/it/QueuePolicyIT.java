package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;
import org.sparrow.common.Closeables;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.zk.ZkClusterDirectory;

/** A queue policy changed in ZooKeeper reaches a running node monitor and reorders its queue. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class QueuePolicyIT {

  private LocalCluster cluster;
  private SparrowClient client;
  private ZkClusterDirectory admin;

  @AfterEach
  void stop() {
    GateTask.open();
    // Each quietly: closing the rest matters more than one failure.
    Closeables.closeQuietly(client);
    Closeables.closeQuietly(admin);
    Closeables.closeQuietly(cluster);
  }

  @Test
  void switchingToPriorityLiveServesTheUrgentJobBeforeTheBacklog() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(1).slots(1).schedulers(1).zkPort(0)
        .clusterName("queue-it").build().start();
    client = SparrowClient.builder().zookeeper(cluster.connectString()).cluster("queue-it")
        .app("queue-it").callbackHost("127.0.0.1").timeout(Duration.ofSeconds(60)).build().start();
    admin = ZkClusterDirectory.builder().connectString(cluster.connectString()).clusterName("queue-it").build();
    admin.start();
    await().atMost(Duration.ofSeconds(20)).until(() -> client.schedulerAddresses().size() == 1
        && cluster.schedulers().get(0).knownNodeMonitors().size() == 1);
    NodeMonitorDaemon nm = cluster.nodeMonitors().get(0);
    assertThat(nm.queuePolicy()).isEqualTo("fifo");

    GateTask.close();
    CompletableFuture<JobResult> blocker = client.submit(Job.builder()
        .task(Task.java("gate", GateTask.class.getName(), "")).user("batch").priority(1).build());
    await().atMost(Duration.ofSeconds(20)).until(() -> nm.load().runningTasks() == 1);

    List<CompletableFuture<JobResult>> backlog = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      backlog.add(client.submit(Job.builder().task(Task.sleep("t", 20)).user("batch").priority(1).probeRatio(1.0).build()));
    }
    CompletableFuture<JobResult> urgent = client.submit(
        Job.builder().task(Task.sleep("t", 20)).user("web").priority(0).probeRatio(1.0).build());
    await().atMost(Duration.ofSeconds(20)).until(() -> nm.load().queuedReservations() == 21);

    admin.writeSettings(ClusterSettings.defaults().withQueue("priority", Map.of("web", 3), 1));
    try (ClientPool<NodeMonitorInternalService.Client> pool =
             ClientPool.builder(NodeMonitorInternalService.Client::new).socketTimeoutMs(5_000).build()) {
      await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
        TNodeLoad load = pool.call(nm.internalAddress(), NodeMonitorInternalService.Client::getLoad);
        assertThat(load.getQueuePolicy()).isEqualTo("priority");
        assertThat(load.getUsers()).containsKeys("batch", "web");
        assertThat(load.getUsers().get("batch").getQueuedReservations()).isEqualTo(20);
        assertThat(load.getUsers().get("batch").getRunningTasks()).isEqualTo(1);
        assertThat(load.getUsers().get("web").getQueuedReservations()).isEqualTo(1);
      });
    }

    GateTask.open();
    assertThat(blocker.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
    assertThat(urgent.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
    long backlogDoneWhenUrgentWas = backlog.stream().filter(CompletableFuture::isDone).count();
    // One slot, 20 ms tasks: the urgent job ran next, so nearly all of the backlog was still
    // waiting (a few may have been reported in the same completion batch).
    assertThat(backlogDoneWhenUrgentWas).isLessThanOrEqualTo(3);
    for (CompletableFuture<JobResult> f : backlog) {
      assertThat(f.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
    }
  }
}
