package org.sparrow.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;
import org.sparrow.local.LocalCluster;
import org.sparrow.scheduler.SchedulerConfig;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.scheduler.SchedulerMetrics;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * A scheduler that stays alive and reaches its node monitors but is cut off from its client in
 * both directions, on real sockets and a real ZooKeeper: the client's submits and status checks
 * to it, and its heartbeats and notices to the client, go through {@link GatedProxy}s that hold
 * every byte once the cut starts (a partition: connections open, nothing arrives). Its jobs'
 * client leases (3 s here) end, it gives them up (cancels their running tasks), and the client,
 * after the lease plus its 3 s margin of silence, sends them to the other scheduler with the
 * same key. Every job ends once, and no task completes twice (a ledger of start and end lines
 * that each command task writes).
 *
 * <p>How the cut is wired: the cut-off scheduler listens on 127.0.0.2 and announces 127.0.0.1 with
 * the same ports, where one proxy (held at the cut) fronts its frontend port and another (never
 * held) its internal port for the node monitors. The first proxy also rewrites the client's
 * callback address in the submits it carries to a third proxy's (held at the cut) in front of the
 * client, so only this scheduler's calls to the client are cut, not the other one's.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class PartitionedSchedulerIT {

  private static final Duration LEASE = Duration.ofSeconds(3);
  private static final int TASK_MS = 6_000;

  private LocalCluster cluster;
  private final List<AutoCloseable> closeLast = new ArrayList<>();
  private SchedulerDaemon cut;
  private SchedulerDaemon other;
  private GatedProxy toCut;
  private GatedProxy toClientFromCut;
  private SparrowClient client;
  private Path ledger;

  @BeforeEach
  void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(2).slots(4).schedulers(1).zkPort(0).allowCommand(true)
        .clusterName("partition").build().start();
    other = cluster.schedulers().get(0);
    InetAddress lo = InetAddress.getByName("127.0.0.1");
    InetAddress lo2 = InetAddress.getByName("127.0.0.2");
    int port = freePort();
    int internalPort = freePort();
    int callbackPort = freePort();
    closeLast.add(new GatedProxy(lo, internalPort, lo2, internalPort, null, null));
    toClientFromCut = new GatedProxy(lo, 0, lo, callbackPort, null, null);
    closeLast.add(toClientFromCut);
    byte[] callback = ("127.0.0.1:" + callbackPort).getBytes(StandardCharsets.UTF_8);
    byte[] viaProxy = toClientFromCut.address().getBytes(StandardCharsets.UTF_8);
    assertThat(viaProxy).as("same length, so the frames keep their sizes").hasSameSizeAs(callback);
    toCut = new GatedProxy(lo, port, lo2, port, callback, viaProxy);
    closeLast.add(toCut);

    ZkClusterDirectory directory = ZkClusterDirectory.builder().connectString(cluster.connectString())
        .clusterName(cluster.clusterName()).build();
    directory.start();
    closeLast.add(directory);
    cut = SchedulerDaemon.builder().directory(directory).config(SchedulerConfig.builder()
        .bindHost("127.0.0.2").advertisedHost("127.0.0.1").port(port).internalPort(internalPort).build()).build();
    cut.start();
    closeLast.add(0, cut);
    assertThat(cut.address().toString()).isEqualTo(toCut.address());
    await().atMost(Duration.ofSeconds(20)).until(() ->
        cut.knownNodeMonitors().size() == 2 && other.knownNodeMonitors().size() == 2);

    client = SparrowClient.builder().scheduler(toCut.address()).scheduler(other.address().toString())
        .app("partition").callbackHost("127.0.0.1").callbackPort(callbackPort)
        .submitTimeout(Duration.ofMillis(800)).lease(LEASE).timeout(Duration.ofSeconds(90)).build().start();
    ledger = Files.createTempFile("partition-ledger", ".txt");
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    for (AutoCloseable c : closeLast) {
      try {
        c.close();
      } catch (Exception ignored) {
        // closing
      }
    }
    if (cluster != null) {
      cluster.close();
    }
    if (ledger != null) {
      Files.deleteIfExists(ledger);
    }
  }

  private Job job(String key) {
    return job(key, List.of("t0", "t1"), List.of(TASK_MS, TASK_MS));
  }

  /** Command tasks of these ids and lengths (ms), each writing a start and an end line to the ledger. */
  private Job job(String key, List<String> taskIds, List<Integer> taskMs) {
    Job.Builder b = Job.builder().description(key);
    for (int i = 0; i < taskIds.size(); i++) {
      String sleep = String.format("%d.%03d", taskMs.get(i) / 1000, taskMs.get(i) % 1000);
      String fields = key + " $SPARROW_TASK_ID $SPARROW_ATTEMPT $SPARROW_REQUEST_ID";
      b.task(Task.command(taskIds.get(i), "echo " + fields + " start >> " + ledger + "; sleep " + sleep
          + "; echo " + fields + " end >> " + ledger));
    }
    return b.build();
  }

  /** Completions of each "job task" in the ledger. */
  private Map<String, Integer> completions() throws IOException {
    Map<String, Integer> ends = new HashMap<>();
    for (String line : Files.readAllLines(ledger)) {
      String[] f = line.trim().split(" ");
      if (f[4].equals("end")) {
        ends.merge(f[0] + " " + f[1], 1, Integer::sum);
      }
    }
    return ends;
  }

  /**
   * A task whose completion notice reached the client before the cut is not run again when the
   * client moves its job: each job has a quick task (done at once, its notice through before the
   * cut) and a 6 s one (running at the cut, cancelled by the given-up job, run again elsewhere).
   */
  @Test
  void aTaskWhoseResultReachedTheClientBeforeTheCutRunsOnce() throws Exception {
    Map<String, CompletableFuture<JobResult>> jobs = new HashMap<>();
    for (int i = 0; i < 4; i++) {
      String key = "job-" + i;
      toClientFromCut.watch("quick-" + key);  // the task id in the cut-off scheduler's notice
      jobs.put(key, client.submit(job(key, List.of("quick-" + key, "long"), List.of(0, TASK_MS))));
    }
    // The cut-off scheduler holds jobs, its heartbeats reached the client, and so did the notice
    // of every quick task it ran (bytes the proxy forwarded reach the client; the client acts on
    // them within milliseconds, the resubmission comes after the 3 s lease plus 3 s).
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      List<org.sparrow.scheduler.JobSummary> held = cut.scheduler().jobs();
      return !held.isEmpty() && toClientFromCut.passedBytes() > 0
          && held.stream().allMatch(j -> toClientFromCut.passedCount("quick-" + j.description()) > 0);
    });
    List<String> heldKeys = cut.scheduler().jobs().stream().map(org.sparrow.scheduler.JobSummary::description).toList();
    toCut.hold();
    toClientFromCut.hold();
    System.out.println("PARTITION cut " + cut.address() + " holding " + heldKeys);

    Map<String, JobResult> results = new HashMap<>();
    for (Map.Entry<String, CompletableFuture<JobResult>> e : jobs.entrySet()) {
      results.put(e.getKey(), e.getValue().get(90, TimeUnit.SECONDS));
    }
    assertThat(results.values()).allSatisfy(r -> assertThat(r.succeeded()).isTrue());
    for (String key : heldKeys) {
      JobResult r = results.get(key);
      assertThat(r.submitAttempts()).as("%s moved", key).isGreaterThan(1);
      assertThat(r.scheduler()).isEqualTo(other.address().toString());
      assertThat(r.tasks()).extracting(org.sparrow.client.TaskResult::taskId).containsExactly("quick-" + key, "long");
    }
    Map<String, Integer> ends = completions();
    for (String key : jobs.keySet()) {
      assertThat(ends.get(key + " quick-" + key)).as("completions of %s's quick task", key).isEqualTo(1);
      assertThat(ends.get(key + " long")).as("completions of %s's long task", key).isEqualTo(1);
    }
    System.out.println("PARTITION moved " + heldKeys + "; completions " + ends);
  }

  @Test
  void theJobsOfAPartitionedSchedulerEndOnceElsewhere() throws Exception {
    Map<String, CompletableFuture<JobResult>> jobs = new HashMap<>();
    for (int i = 0; i < 4; i++) {  // round robin: about half go to each scheduler
      jobs.put("job-" + i, client.submit(job("job-" + i)));
    }
    // Jobs running on the scheduler to cut, and its heartbeats reached the client (so the client
    // holds it to its leases).
    await().atMost(Duration.ofSeconds(20)).until(() ->
        cut.scheduler().activeJobs() >= 1 && toClientFromCut.passedBytes() > 0);
    long heldJobs = cut.scheduler().activeJobs();
    long cutNanos = System.nanoTime();
    toCut.hold();
    toClientFromCut.hold();
    System.out.println("PARTITION cut " + cut.address() + " holding " + heldJobs + " jobs");

    Map<String, JobResult> results = new HashMap<>();
    for (Map.Entry<String, CompletableFuture<JobResult>> e : jobs.entrySet()) {
      results.put(e.getKey(), e.getValue().get(90, TimeUnit.SECONDS));
    }
    long endMs = (System.nanoTime() - cutNanos) / 1_000_000;

    assertThat(results.values()).allSatisfy(r -> {
      assertThat(r.succeeded()).isTrue();
      assertThat(r.scheduler()).as("ended where the client could reach").isEqualTo(other.address().toString());
    });
    long moved = results.values().stream().filter(r -> r.submitAttempts() > 1).count();
    assertThat(moved).as("the cut-off scheduler's jobs were resubmitted").isEqualTo(heldJobs);
    assertThat(cut.metrics().meter(SchedulerMetrics.JOBS_ABANDONED).getCount())
        .as("the cut-off scheduler gave them up").isEqualTo(heldJobs);
    assertThat(cut.scheduler().activeJobs()).isZero();

    // Every task completed exactly once, across both schedulers' runs.
    Map<String, Integer> ends = new HashMap<>();
    Map<String, Integer> starts = new HashMap<>();
    for (String line : Files.readAllLines(ledger)) {
      String[] f = line.trim().split(" ");
      (f[4].equals("end") ? ends : starts).merge(f[0] + " " + f[1], 1, Integer::sum);
    }
    for (String key : jobs.keySet()) {
      for (String task : List.of("t0", "t1")) {
        assertThat(ends.get(key + " " + task)).as("completions of %s %s", key, task).isEqualTo(1);
      }
    }
    System.out.println("PARTITION " + heldJobs + " jobs moved of " + jobs.size() + "; all ended "
        + endMs + " ms after the cut (lease " + LEASE.toMillis() + " ms + 3000 margin + " + TASK_MS
        + " ms run); runs started " + starts + ", completed " + ends);
  }
}
