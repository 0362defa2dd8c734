package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.CancelResult;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.JobStatus;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;
import org.sparrow.client.TaskResult;
import org.sparrow.local.LocalCluster;
import org.sparrow.common.NodeLoad;
import org.sparrow.nodemonitor.NodeMonitorDaemon;

/**
 * {@code jobs}, {@code status} and {@code kill} end to end: a local cluster on real ZooKeeper
 * and sockets, jobs of command and sleep tasks, and afterwards nothing queued or running anywhere
 * (no command process left either), with the submitter's futures completed as cancelled.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class JobControlCliTest {

  /** A sleep length no other process on the machine uses, so its processes can be found. */
  private static final String COMMAND = "sleep 4321.5";
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private static LocalCluster cluster;
  private static SparrowClient client;
  private static Map<String, String> env;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(3).slots(2).schedulers(2).zkPort(0).clusterName("jobctl")
        .allowCommand(true).build().start();
    client = SparrowClient.builder().zookeeper(cluster.connectString()).cluster("jobctl").app("victim")
        .timeout(Duration.ofMinutes(10)).build().start();
    env = Map.of("SPARROW_ZK", cluster.connectString(), "SPARROW_CLUSTER", "jobctl");
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
  void killStopsQueuedAndRunningCommandAndSleepTasksAndLeavesNothingBehind() throws Exception {
    // All 6 slots busy: 3 commands and 3 sleeps...
    Job.Builder running = Job.builder().description("fills the cluster");
    for (int i = 0; i < 3; i++) {
      running.task(Task.command("c" + i, COMMAND)).task(Task.sleep("s" + i, 600_000));
    }
    CompletableFuture<JobResult> first = client.submit(running.build());
    await().atMost(PATIENCE).until(() -> totals()[0] == 6 && commandProcesses() >= 3);
    // ... so this job's tasks wait in the node monitors' queues, unlaunched.
    CompletableFuture<JobResult> second = client.submit(Job.builder().description("waits")
        .task(Task.sleep("w0", 600_000)).task(Task.sleep("w1", 600_000)).build());
    await().atMost(PATIENCE).until(() -> totals()[1] > 0);

    CliRun jobs = CliRun.run(env, "jobs");
    assertThat(jobs.code()).as(jobs.err()).isZero();
    assertThat(jobs.out()).startsWith("2 active jobs on 2 schedulers").contains("fills the cluster").contains("waits")
        .contains("victim");
    String runningId = idOf(jobs.out(), "fills the cluster");
    String waitingId = idOf(jobs.out(), "waits");

    CliRun status = CliRun.run(env, "status", runningId, "--json");
    assertThat(status.code()).as(status.err()).isZero();
    assertThat(status.out()).contains("\"state\": \"RUNNING\"").contains("\"launchedTasks\": 6");

    // The queued job first: its reservations leave the queues.
    CliRun killWaiting = CliRun.run(env, "kill", waitingId);
    assertThat(killWaiting.code()).as(killWaiting.err()).isZero();
    assertThat(killWaiting.out()).contains("job " + waitingId + " cancelled: 2 unlaunched task(s) dropped");
    await().atMost(PATIENCE).until(() -> totals()[1] == 0);
    assertThat(totals()[0]).isEqualTo(6);

    // Then the running one: commands killed with their processes, sleeps interrupted.
    CliRun killRunning = CliRun.run(env, "kill", runningId);
    assertThat(killRunning.code()).as(killRunning.err()).isZero();
    assertThat(killRunning.out()).contains("job " + runningId + " cancelled: 0 unlaunched task(s) dropped, "
        + "3 command(s) killed, 3 in-process task(s) interrupted");
    await().atMost(PATIENCE).until(() -> totals()[0] == 0 && totals()[1] == 0 && totals()[2] == 0);
    await().atMost(PATIENCE).until(() -> commandProcesses() == 0);

    // The submitter's futures complete, once, with cancelled results.
    JobResult r1 = first.get(60, TimeUnit.SECONDS);
    JobResult r2 = second.get(60, TimeUnit.SECONDS);
    assertThat(r1.cancelled()).isTrue();
    assertThat(r1.tasks()).hasSize(6).extracting(TaskResult::state).containsOnly(TaskResult.State.CANCELLED);
    assertThat(r2.cancelled()).isTrue();
    assertThat(client.status(runningId).state()).isEqualTo(JobStatus.State.CANCELLED);
    CliRun after = CliRun.run(env, "status", runningId);
    assertThat(after.out()).contains("CANCELLED").contains("cancelled while running on");
    assertThat(CliRun.run(env, "jobs").out()).startsWith("0 active jobs on 2 schedulers");

    // Killing again reports and changes nothing.
    CancelResult again = client.cancel(runningId);
    assertThat(again.alreadyEnded()).isTrue();
    assertThat(CliRun.run(env, "kill", runningId).out()).contains("had already ended (CANCELLED)");
    // The cluster still runs new work.
    assertThat(client.submit(Job.of(4, "noop", "")).get(60, TimeUnit.SECONDS).succeeded()).isTrue();
  }

  @Test
  void killingAnUnknownJobIsOneLine() {
    CliRun.run(env, "kill", "127.0.0.1:1/nope/1").failsWithOneLine(1, "127.0.0.1:1");
    String scheduler = client.schedulerAddresses().get(0);
    CliRun.run(env, "kill", scheduler + "/nope/1").failsWithOneLine(1, "unknown requestId '" + scheduler + "/nope/1'");
  }

  /** Running, queued and being-fetched slots over every node monitor. */
  private static int[] totals() {
    int[] t = new int[3];
    for (NodeMonitorDaemon nm : cluster.nodeMonitors()) {
      NodeLoad l = nm.load();
      t[0] += l.runningTasks();
      t[1] += l.queuedReservations();
      t[2] += l.fetchingSlots();
    }
    return t;
  }

  private static long commandProcesses() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("4321.5")).orElse(false)).count();
  }

  private static String idOf(String jobsTable, String description) {
    return jobsTable.lines().filter(l -> l.endsWith(description)).findFirst().orElseThrow().split("\\s+")[0];
  }
}
