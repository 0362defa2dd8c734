package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;
import org.sparrow.common.FatalHandler;
import org.sparrow.it.process.DaemonProcess;
import org.sparrow.it.process.ProcessCluster;
import org.sparrow.zk.ZkClients;

/**
 * The fatal path of daemon processes, end to end: two schedulers and three node monitors as
 * separate JVMs launched with {@code bin/sparrow}'s production flags (-Xmx48m / -Xmx96m,
 * {@code -XX:+ExitOnOutOfMemoryError}, ...), each test making one daemon meet an
 * {@link OutOfMemoryError} on one of its threads. Each checks the exit status, that its ZooKeeper
 * entry goes (and how soon), and that the survivors still run a job. Only the processes this
 * class started are signalled, by PID.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class FatalPathIT {

  /** HotSpot's exit status after -XX:+ExitOnOutOfMemoryError. */
  private static final int EXIT_ON_OOM_STATUS = 3;
  /** Well under the session timeout: an entry gone this soon was withdrawn, not expired. */
  private static final Duration WITHDRAWN = Duration.ofMillis(ZkClients.DEFAULT_SESSION_TIMEOUT_MS / 3);
  /** The session timeout and a margin: the entry of a process that could not withdraw it. */
  private static final Duration EXPIRED = Duration.ofMillis(ZkClients.DEFAULT_SESSION_TIMEOUT_MS + 15_000);
  private static final Duration EXIT = Duration.ofSeconds(60);
  private static final Duration JOB = Duration.ofSeconds(90);

  private ProcessCluster cluster;
  private SparrowClient client;

  @BeforeAll
  void startCluster() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "fatal-path").toAbsolutePath());
    cluster = new ProcessCluster(dir)
        .addScheduler(FatalInjectionMain.class.getName())
        .addScheduler(DaemonProcess.CLI_MAIN)
        .addNodeMonitor(2).addNodeMonitor(2).addNodeMonitor(2)
        .start();
    client = SparrowClient.builder().zookeeper(cluster.connectString()).cluster(ProcessCluster.CLUSTER)
        .app("fatal").callbackHost("127.0.0.1").timeout(JOB).build().start();
    await().atMost(Duration.ofSeconds(30)).until(() -> client.schedulerAddresses().size() == 2);
  }

  @AfterAll
  void stopCluster() {
    if (client != null) {
      client.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void aNodeMonitorOutOfDirectMemoryWithdrawsItsEntryAndExits70() throws Exception {
    DaemonProcess nm = cluster.nodeMonitor(0);
    var bomb = client.submit(bombOn(cluster.nodeMonitorId(0), DirectMemoryBomb.class));

    assertExit(nm, FatalHandler.EXIT_STATUS);
    assertThat(nm.logTail(200)).contains("cannot go on; leaving the cluster");
    await("entry withdrawn").atMost(WITHDRAWN)
        .until(() -> !cluster.directory().nodeMonitors().snapshot().containsKey(cluster.nodeMonitorId(0)));
    assertThat(bomb.get(JOB.toSeconds(), TimeUnit.SECONDS).succeeded()).isFalse();
    assertSurvivorsRunAJob();
  }

  @Test
  @Order(2)
  void aNodeMonitorOutOfHeapExitsAtOnceAndItsEntryGoesWithItsSession() throws Exception {
    DaemonProcess nm = cluster.nodeMonitor(1);
    var bomb = client.submit(bombOn(cluster.nodeMonitorId(1), HeapBomb.class));

    assertExit(nm, EXIT_ON_OOM_STATUS);
    assertThat(nm.logTail(50)).contains("Terminating due to java.lang.OutOfMemoryError");
    // No Java code runs after the JVM's own exit on OOM: the entry goes when the session expires.
    await("entry expired").atMost(EXPIRED)
        .until(() -> !cluster.directory().nodeMonitors().snapshot().containsKey(cluster.nodeMonitorId(1)));
    assertThat(bomb.get(JOB.toSeconds(), TimeUnit.SECONDS).succeeded()).isFalse();
    assertSurvivorsRunAJob();
  }

  @Test
  @Order(3)
  void aSchedulerWhoseThreadEndsOnAFatalErrorWithdrawsItsEntryAndExits70() throws Exception {
    DaemonProcess scheduler = cluster.scheduler(0);
    // The daemon command prints this after setting the process's default handler.
    await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.logTail(200).contains("running in cluster"));
    scheduler.sendLine(FatalInjectionMain.TRIGGER);

    assertExit(scheduler, FatalHandler.EXIT_STATUS);
    assertThat(scheduler.logTail(200)).contains("cannot go on; leaving the cluster");
    await("entry withdrawn").atMost(WITHDRAWN)
        .until(() -> !cluster.directory().schedulers().snapshot().containsKey(cluster.schedulerId(0)));
    await().atMost(WITHDRAWN).until(() -> client.schedulerAddresses().size() == 1);
    assertSurvivorsRunAJob();
  }

  private static Job bombOn(String nodeMonitorId, Class<?> bomb) {
    return Job.builder().task(Task.java("bomb", bomb.getName(), "").onNodes(List.of(nodeMonitorId)))
        .maxAttempts(1).timeout(JOB).build();
  }

  private static void assertExit(DaemonProcess d, int status) throws InterruptedException {
    OptionalInt exit = d.awaitExit(EXIT);
    assertThat(exit).as("%s exit status; its log ends:%n%s", d, d.logTail(40)).hasValue(status);
  }

  /** A job of one task per live slot succeeds, on node monitors still registered. */
  private void assertSurvivorsRunAJob() throws Exception {
    var live = cluster.directory().nodeMonitors().snapshot().keySet();
    Job.Builder job = Job.builder();
    for (int i = 0; i < 2 * live.size(); i++) {
      job.task(Task.noop("t" + i));
    }
    JobResult result = client.submit(job.build()).get(JOB.toSeconds(), TimeUnit.SECONDS);
    assertThat(result.succeeded()).as("%s", result).isTrue();
    assertThat(result.tasks()).allSatisfy(t -> assertThat(live).contains(t.nodeMonitorId()));
  }
}
