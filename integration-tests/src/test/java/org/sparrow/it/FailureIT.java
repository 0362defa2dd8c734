package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.TaskResult;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.scheduler.SchedulerDaemon;

/** Every accepted job ends, in success or an explicit failure, when a daemon dies. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FailureIT {

  private LocalCluster cluster;
  private SparrowClient client;

  @BeforeEach
  void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(2).slots(2).schedulers(2).zkPort(0)
        .clusterName("failures").build().start();
    client = SparrowClient.builder().zookeeper(cluster.connectString()).cluster("failures")
        .callbackHost("127.0.0.1").timeout(Duration.ofSeconds(30)).build().start();
    await().atMost(Duration.ofSeconds(10)).until(() -> client.schedulerAddresses().size() == 2
        && cluster.schedulers().stream().allMatch(s -> s.knownNodeMonitors().size() == 2));
  }

  @AfterEach
  void stop() {
    client.close();
    cluster.close();
  }

  @Test
  void aJobWhoseNodeMonitorIsClosedMidTaskSucceedsByRetryingElsewhere() throws Exception {
    NodeMonitorDaemon victim = cluster.nodeMonitors().get(0);
    // 4 tasks on 2 x 2 slots: two of them run on the victim.
    CompletableFuture<JobResult> job = client.submit(Job.of(4, "sleep", "3000"));
    await().atMost(Duration.ofSeconds(10)).until(() -> victim.load().runningTasks() == 2);
    String victimId = victim.id();

    cluster.stopNodeMonitor(victim);

    JobResult result = job.get(60, TimeUnit.SECONDS);
    assertThat(result.succeeded()).as("%s", result).isTrue();
    assertThat(result.tasks()).filteredOn(t -> t.attempt() > 1).hasSize(2).allSatisfy(t -> {
      assertThat(t.attempts()).hasSize(2);
      assertThat(t.attempts().get(0).nodeMonitorId()).isEqualTo(victimId);
      assertThat(t.attempts().get(0).state()).isEqualTo(TaskResult.State.LOST);
      assertThat(t.nodeMonitorId()).isNotEqualTo(victimId);
    });
  }

  @Test
  void aJobOnADeadSchedulerIsResubmittedToTheOtherOneAndSucceeds() throws Exception {
    // The client alternates between the two schedulers, so one job lands on each.
    CompletableFuture<JobResult> first = client.submit(Job.of(1, "sleep", "3000"));
    CompletableFuture<JobResult> second = client.submit(Job.of(1, "sleep", "3000"));
    SchedulerDaemon victim = cluster.schedulers().get(0);
    String victimId = victim.id();
    await().atMost(Duration.ofSeconds(10)).until(() -> victim.scheduler().activeJobs() == 1);
    cluster.stopScheduler(victim);
    await().atMost(Duration.ofSeconds(10)).until(() -> client.schedulerAddresses().size() == 1);

    assertThat(client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    for (CompletableFuture<JobResult> f : java.util.List.of(first, second)) {
      JobResult r = f.get(30, TimeUnit.SECONDS);
      assertThat(r.succeeded()).isTrue();
      assertThat(r.scheduler()).as("the job on %s went to the survivor", victimId).isNotEqualTo(victimId);
    }
  }
}
