package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.SparrowClientException;
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
  void tasksOnADeadNodeMonitorEndAsLost() throws Exception {
    NodeMonitorDaemon victim = cluster.nodeMonitors().get(0);
    CompletableFuture<JobResult> job = client.submit(Job.builder()
        .tasks(Job.of(2, "sleep", "20000").tasks()).constraint("local.index",
            victim.info().attributes().get("local.index")).build());
    await().atMost(Duration.ofSeconds(10)).until(() -> victim.load().runningTasks() == 2);
    cluster.stopNodeMonitor(victim);
    JobResult result = job.get(30, TimeUnit.SECONDS);
    assertThat(result.tasks()).extracting(TaskResult::state).containsOnly(TaskResult.State.LOST);
  }

  @Test
  void aDeadSchedulersJobsFailExplicitlyAndTheOtherSchedulerCarriesOn() throws Exception {
    // The client alternates between the two schedulers, so one job lands on each.
    CompletableFuture<JobResult> first = client.submit(Job.of(1, "sleep", "3000"));
    CompletableFuture<JobResult> second = client.submit(Job.of(1, "sleep", "3000"));
    SchedulerDaemon victim = cluster.schedulers().get(0);
    String victimId = victim.id();
    cluster.stopScheduler(victim);
    await().atMost(Duration.ofSeconds(10)).until(() -> client.schedulerAddresses().size() == 1);

    assertThat(client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    int failed = 0;
    for (CompletableFuture<JobResult> f : java.util.List.of(first, second)) {
      try {
        assertThat(f.get(30, TimeUnit.SECONDS).succeeded()).isTrue();
      } catch (ExecutionException e) {
        assertThat(e.getCause()).isInstanceOf(SparrowClientException.class)
            .hasMessageContaining(victimId).hasMessageContaining("left");
        failed++;
      }
    }
    assertThat(failed).as("exactly the job on the dead scheduler failed").isEqualTo(1);
  }
}
