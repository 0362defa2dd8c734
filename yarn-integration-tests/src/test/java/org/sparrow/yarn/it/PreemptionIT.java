package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;

/**
 * A real pre-emption: the capacity scheduler with two queues of 50% each and its pre-emption
 * monitor on. Deployment A fills six of the cluster's eight 1 GB containers from queue
 * {@code default}; deployment B then asks for its guaranteed four from queue {@code other}.
 * The RM can give B only two, so it marks two of A's node-monitor containers for pre-emption,
 * tells A's AM in its allocate responses, and would kill them after 30 s. A's AM drains them
 * first (about 1.5 s: the tasks' length), so A's jobs, running throughout, all succeed; it asks
 * for replacements at once, which the RM grants when B has gone. The cluster is this class's
 * own (another queue layout than the suite's).
 */
class PreemptionIT {

  private static YarnTestCluster yarn;

  @BeforeAll
  static void startCluster() throws Exception {
    yarn = new YarnTestCluster("preemption", c -> {
      // Stock rounding: every container is 1 GB, so the RM's arithmetic has no fragments.
      c.setInt(YarnConfiguration.RM_SCHEDULER_MINIMUM_ALLOCATION_MB, 1024);
      c.set("yarn.scheduler.capacity.root.queues", "default,other");
      for (String q : List.of("default", "other")) {
        c.set("yarn.scheduler.capacity.root." + q + ".capacity", "50");
        c.set("yarn.scheduler.capacity.root." + q + ".maximum-capacity", "100");
        // One user may go past the queue's guarantee (the default factor 1 stops it there).
        c.set("yarn.scheduler.capacity.root." + q + ".user-limit-factor", "2");
      }
      c.setBoolean(YarnConfiguration.RM_SCHEDULER_ENABLE_MONITORS, true);
      c.set(YarnConfiguration.RM_SCHEDULER_MONITOR_POLICIES,
          "org.apache.hadoop.yarn.server.resourcemanager.monitor.capacity.ProportionalCapacityPreemptionPolicy");
      String pre = "yarn.resourcemanager.monitor.capacity.preemption.";
      c.setLong(pre + "monitoring_interval", 500);
      c.setLong(pre + "max_wait_before_kill", 30_000);
      c.setFloat(pre + "total_preemption_per_round", 1.0f);
      c.setFloat(pre + "natural_termination_factor", 1.0f);
      c.setFloat(pre + "max_ignored_over_capacity", 0.0f);
    });
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (yarn != null) {
      yarn.close();
    }
  }

  @Test
  void theRmPreemptsNodeMonitorsOfAQueueOverItsShareTheAmDrainsThemAndNoJobFails() throws Exception {
    String[] small = {"-D", "sparrow.yarn.node-monitor.memory-mb=1024", "-D", "sparrow.yarn.scheduler.memory-mb=1024",
        "-D", "sparrow.yarn.am.memory-mb=1024"};
    try (Deployment a = Deployment.submit(yarn, "pre-a", 4, 1, small);
        SparrowClient client = Jobs.client(yarn, "pre-a")) {
      List<CompletableFuture<JobResult>> jobs = new CopyOnWriteArrayList<>();
      ScheduledExecutorService stream = Executors.newSingleThreadScheduledExecutor();
      // 2 tasks of 1.5 s every 0.5 s: about 6 of A's 8 slots busy, some tasks on the pre-empted ones.
      stream.scheduleAtFixedRate(() -> jobs.addAll(Jobs.submit(client, 1, 2, 1_500)), 0, 500, TimeUnit.MILLISECONDS);
      try {
        await().atMost(Deployment.PATIENCE).until(() -> jobs.size() >= 6);
        // B's own submit waits (at most 120 s) until its four containers run: only pre-emption frees them.
        try (Deployment b = Deployment.submit(yarn, "pre-b", 2, 1, concat(small, "--queue", "other"))) {
          b.awaitDaemons(2, 1);
          await().atMost(Deployment.PATIENCE).until(() -> a.nodeMonitors().size() == 2);
          // Pre-empted containers are not failures; A still wants four and keeps asking.
          assertThat(a.status().get("failures").asInt()).isZero();
          assertThat(pendingAsks(a)).isEqualTo(2);
        }
        // B gone, A's asks are granted again.
        await().atMost(Deployment.PATIENCE).until(() -> a.nodeMonitors().size() == 4);
        stream.shutdownNow();
        stream.awaitTermination(10, TimeUnit.SECONDS);
        Jobs.assertAllSucceed(jobs);
        assertThat(jobs).hasSizeGreaterThan(10);
        assertThat(a.status().get("failures").asInt()).isZero();
        String amLog = yarn.containerLogs(a.appId.toString(), "am.stderr");
        assertThat(amLog).contains("The ResourceManager announced the pre-emption of")
            .contains("is to be pre-empted; draining it").contains("drained (");
      } finally {
        stream.shutdownNow();
      }
    }
  }

  private static int pendingAsks(Deployment d) throws Exception {
    return d.status().get("roles").findValues("pendingAsks").stream().mapToInt(n -> n.asInt()).sum();
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
