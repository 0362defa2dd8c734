package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;

@ExtendWith(YarnClusterExtension.class)
class DrainIT {

  @Test
  void shrinkingFromFourNodeMonitorsToOneWhileThreeSecondTasksRunFailsNoJob(YarnTestCluster yarn) throws Exception {
    try (Deployment d = Deployment.submit(yarn, "drain", 4, 1, "-D", "sparrow.yarn.drain-timeout-ms=30000");
        SparrowClient client = Jobs.client(yarn, "drain")) {
      // 8 slots busy, 24 more tasks queued behind them.
      List<CompletableFuture<JobResult>> jobs = Jobs.submit(client, 16, 2, 3_000);
      await().atMost(Deployment.PATIENCE).until(() -> running(d) >= 6);

      d.setNodeMonitors(1);

      // Running tasks finished on the draining node monitors, queued ones were handed back and
      // placed on the one that stays.
      Jobs.assertAllSucceed(jobs);
      d.awaitDaemons(1, 1);
      await().atMost(Deployment.PATIENCE).until(() -> d.containerProcesses().size() == 2);
      assertThat(d.status().get("failures").asInt()).isZero();
      Jobs.assertAllSucceed(Jobs.submit(client, 2, 2));
    }
  }

  private static int running(Deployment d) throws Exception {
    int running = 0;
    for (var nm : d.status().get("nodeMonitors")) {
      running += nm.path("load").path("runningTasks").asInt();
    }
    return running;
  }
}
