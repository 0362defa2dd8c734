package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Gauge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;
import org.sparrow.common.ClusterSettings;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * Under the {@code priority} policy, an urgent job runs on a cluster whose every slot is busy
 * with lower-priority command tasks: they are suspended (SIGSTOP) for it, resumed afterwards,
 * and every low-priority job still succeeds. Real ZooKeeper, Thrift over loopback, processes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PreemptionIT {

  private LocalCluster cluster;
  private SparrowClient client;
  private ZkClusterDirectory admin;

  @AfterEach
  void stop() {
    for (AutoCloseable c : new AutoCloseable[] {client, admin, cluster}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        // closing the rest matters more
      }
    }
  }

  @Test
  void anUrgentJobRunsWhileTheBackgroundIsSuspendedAndTheBackgroundStillSucceeds(@TempDir Path dir)
      throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(2).slots(2).schedulers(1).zkPort(0)
        .allowCommand(true).clusterName("preempt-it").build().start();
    client = SparrowClient.builder().zookeeper(cluster.connectString()).cluster("preempt-it")
        .app("preempt-it").callbackHost("127.0.0.1").timeout(Duration.ofSeconds(90)).build().start();
    admin = ZkClusterDirectory.builder().connectString(cluster.connectString())
        .clusterName("preempt-it").build();
    admin.start();
    admin.writeSettings(ClusterSettings.defaults().withQueue("priority", Map.of(), 1));
    await().atMost(Duration.ofSeconds(20)).until(() -> client.schedulerAddresses().size() == 1
        && cluster.schedulers().get(0).knownNodeMonitors().size() == 2
        && cluster.nodeMonitors().stream().allMatch(nm -> nm.queuePolicy().equals("priority")));

    // Background: one gated command per slot (runs until the gate file exists), plus a backlog.
    Path gate = dir.resolve("gate");
    String gated = "while [ ! -e '" + gate + "' ]; do sleep 0.05; done";
    List<CompletableFuture<JobResult>> background = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      background.add(client.submit(Job.builder().task(Task.command("gated", gated))
          .user("batch").priority(1).build()));
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> running() == 4);
    for (int i = 0; i < 8; i++) {
      background.add(client.submit(Job.builder().task(Task.sleep("t", 50))
          .user("batch").priority(1).build()));
    }

    // Every slot holds a gated task: the urgent job can only run by suspending them.
    Job.Builder urgent = Job.builder().user("web").priority(0);
    for (int i = 0; i < 4; i++) {
      urgent.task(Task.sleep("u" + i, 100));
    }
    JobResult result = client.submit(urgent.build()).get(60, TimeUnit.SECONDS);
    assertThat(result.succeeded()).isTrue();
    assertThat(background).noneMatch(CompletableFuture::isDone);
    assertThat(cluster.nodeMonitors().stream().mapToLong(PreemptionIT::preempted).sum())
        .isGreaterThanOrEqualTo(2);

    Files.createFile(gate);
    for (CompletableFuture<JobResult> f : background) {
      assertThat(f.get(60, TimeUnit.SECONDS).succeeded()).isTrue();
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> cluster.nodeMonitors().stream()
        .allMatch(nm -> suspended(nm) == 0 && nm.load().runningTasks() == 0));
  }

  private int running() {
    return cluster.nodeMonitors().stream().mapToInt(nm -> nm.load().runningTasks()).sum();
  }

  private static long preempted(NodeMonitorDaemon nm) {
    return ((Number) ((Gauge<?>) nm.metrics().getGauges().get("nodemonitor.tasks.preempted"))
        .getValue()).longValue();
  }

  private static int suspended(NodeMonitorDaemon nm) {
    return ((Number) ((Gauge<?>) nm.metrics().getGauges().get("nodemonitor.tasks.suspended"))
        .getValue()).intValue();
  }
}
