package org.sparrow.it.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobRejectedException;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.common.Closeables;
import org.sparrow.local.LocalCluster;
import org.sparrow.scheduler.SchedulerConfig;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * Request limits advertised by each scheduler and enforced by the client per scheduler, on real
 * daemons: embedded ZooKeeper, two node monitors, and two schedulers started with different
 * {@code --max-tasks-per-job} (the SchedulerConfig field behind it), each announcing it in its
 * ZooKeeper entry. A job above A's limit but within B's runs on B; one above both is rejected
 * by the client, naming both limits, before any scheduler sees it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class AdvertisedLimitsIT {

  private static final String CLUSTER = "limits-it";
  private static final int A_MAX_TASKS = 2;
  private static final int B_MAX_TASKS = 6;

  private static LocalCluster cluster;
  private static final List<AutoCloseable> daemons = new ArrayList<>();
  private static SchedulerDaemon a;
  private static SchedulerDaemon b;
  private static SparrowClient client;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(2).slots(4).schedulers(0).zkPort(0)
        .clusterName(CLUSTER).build().start();
    a = scheduler(A_MAX_TASKS, 1);
    b = scheduler(B_MAX_TASKS, 2);
    client = SparrowClient.builder().zookeeper(cluster.connectString()).cluster(CLUSTER).app("limits")
        .callbackHost("127.0.0.1").timeout(Duration.ofSeconds(30)).build().start();
    await().atMost(Duration.ofSeconds(20)).until(() -> client.schedulerAddresses().size() == 2);
  }

  /** A scheduler daemon with its own ZooKeeper session, as a separate `sparrow scheduler` has. */
  private static SchedulerDaemon scheduler(int maxTasksPerJob, long seed) throws Exception {
    ZkClusterDirectory directory = ZkClusterDirectory.builder().connectString(cluster.connectString())
        .clusterName(CLUSTER).build();
    directory.start();
    daemons.add(directory);
    SchedulerDaemon s = SchedulerDaemon.builder().directory(directory).random(new Random(seed))
        .config(SchedulerConfig.defaults().toBuilder().bindHost("127.0.0.1").advertisedHost("127.0.0.1")
            .port(0).internalPort(0).maxTasksPerJob(maxTasksPerJob).build())
        .build();
    daemons.add(0, s);  // closed before its directory
    s.start();
    return s;
  }

  @AfterAll
  static void stop() {
    Closeables.closeQuietly(client);
    for (AutoCloseable d : daemons) {
      Closeables.closeQuietly(d);
    }
    Closeables.closeQuietly(cluster);
  }

  @Test
  void aJobAboveOneSchedulersLimitButWithinTheOthersRunsOnTheOther() throws Exception {
    // Four jobs of 4 tasks: the round-robin gives A its turn twice; each job still runs on B.
    for (int i = 0; i < 4; i++) {
      JobResult r = client.submit(Job.of(4, "noop", null)).get(30, TimeUnit.SECONDS);
      assertThat(r.succeeded()).as("job %s: %s", r.requestId(), r.tasks()).isTrue();
      assertThat(r.tasks()).hasSize(4);
      assertThat(r.scheduler()).isEqualTo(b.address().toString());
      assertThat(r.submitAttempts()).as("A is not asked").isEqualTo(1);
    }
    // A itself serves jobs within its limit: the round-robin reaches both.
    Set<String> used = new HashSet<>();
    for (int i = 0; i < 4; i++) {
      JobResult r = client.submit(Job.of(A_MAX_TASKS, "noop", null)).get(30, TimeUnit.SECONDS);
      assertThat(r.succeeded()).isTrue();
      used.add(r.scheduler());
    }
    assertThat(used).containsExactlyInAnyOrder(a.address().toString(), b.address().toString());
  }

  @Test
  void aJobAboveBothLimitsIsRejectedNamingBoth() {
    assertThatThrownBy(() -> client.submit(Job.of(B_MAX_TASKS + 1, "noop", null)).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(JobRejectedException.class)
        .hasMessageContaining("scheduler " + a.address() + " takes at most " + A_MAX_TASKS
            + " tasks per job (maxTasksPerJob), the job has " + (B_MAX_TASKS + 1))
        .hasMessageContaining("scheduler " + b.address() + " takes at most " + B_MAX_TASKS
            + " tasks per job (maxTasksPerJob), the job has " + (B_MAX_TASKS + 1));
    assertThat(client.pendingJobs()).isZero();
  }
}
