package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.Gauge;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
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
import org.sparrow.cli.SparrowCli;
import org.sparrow.client.Task;
import org.sparrow.common.Closeables;
import org.sparrow.common.ClusterSettings;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine;

/**
 * Under the {@code priority} policy, an urgent job runs on a cluster whose every slot is busy
 * with lower-priority command tasks: they are suspended (SIGSTOP) for it, resumed afterwards,
 * and every low-priority job still succeeds; {@code sparrow workers} shows the suspended tasks
 * while they are. Real ZooKeeper, Thrift over loopback, processes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PreemptionIT {

  private LocalCluster cluster;
  private SparrowClient client;
  private ZkClusterDirectory admin;

  @AfterEach
  void stop() {
    // Each quietly: closing the rest matters more than one failure.
    Closeables.closeQuietly(client);
    Closeables.closeQuietly(admin);
    Closeables.closeQuietly(cluster);
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

    // Every slot holds a gated task: the urgent job can only run by suspending them. Its own
    // tasks are gated too, so the suspension can be seen from outside while it lasts.
    Path urgentGate = dir.resolve("urgent-gate");
    String urgentGated = "while [ ! -e '" + urgentGate + "' ]; do sleep 0.05; done";
    Job.Builder urgent = Job.builder().user("web").priority(0);
    for (int i = 0; i < 4; i++) {
      urgent.task(Task.command("u" + i, urgentGated));
    }
    CompletableFuture<JobResult> urgentResult = client.submit(urgent.build());
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.nodeMonitors().stream()
        .mapToInt(PreemptionIT::suspended).sum() == 4 && running() == 4);

    // What an operator sees: sparrow workers reads getLoad over Thrift from every node monitor.
    JsonNode workers = new ObjectMapper().readTree(cli("workers", "--json", "--zk", cluster.connectString(),
        "--cluster", "preempt-it"));
    assertThat(workers.get("nodeMonitors")).hasSize(2).allSatisfy(row -> {
      assertThat(row.get("suspended").asInt()).as("%s", row).isEqualTo(2);
      assertThat(row.get("preemptions").asLong()).as("%s", row).isGreaterThanOrEqualTo(2);
      assertThat(row.get("running").asInt()).as("suspended tasks are not running").isEqualTo(2);
    });
    assertThat(cli("workers", "--zk", cluster.connectString(), "--cluster", "preempt-it"))
        .contains("SUSP/PREEMPT").containsPattern(" 2/[2-9] ");

    Files.createFile(urgentGate);
    JobResult result = urgentResult.get(60, TimeUnit.SECONDS);
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

  /** Runs the sparrow command in-process; fails unless it exits 0; returns what it printed. */
  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = SparrowCli.newCommandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute(args)).as("sparrow %s: %s", String.join(" ", args), err).isZero();
    return out.toString();
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
