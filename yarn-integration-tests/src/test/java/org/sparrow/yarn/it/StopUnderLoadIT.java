package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;

@ExtendWith(YarnClusterExtension.class)
class StopUnderLoadIT {

  @Test
  void everyAcceptedJobEndsAndTheApplicationFinishes(YarnTestCluster yarn) throws Exception {
    try (Deployment d = Deployment.submit(yarn, "stopload", 2, 1);
        SparrowClient client = Jobs.client(yarn, "stopload")) {
      List<CompletableFuture<JobResult>> jobs = Jobs.submit(client, 8, 2, 1_000);
      await().atMost(Deployment.PATIENCE).until(() -> running(d) > 0);

      ClientRun stop = d.client("stop", "--timeout", "110").assertSucceeded();
      assertThat(stop.output()).contains("FINISHED (SUCCEEDED)");

      // The schedulers drained first, while the node monitors still ran: every accepted job has
      // an answer, a success or (past the drain timeout) an explicit failure; none hangs.
      int succeeded = 0;
      for (CompletableFuture<JobResult> job : jobs) {
        try {
          if (job.get(30, TimeUnit.SECONDS).succeeded()) {
            succeeded++;
          }
        } catch (ExecutionException explicitFailure) {
          // Refused or failed with a reason: an explicit end.
        }
      }
      assertThat(succeeded).as("jobs that succeeded").isPositive();
      ApplicationReport done = d.report();
      assertThat(done.getYarnApplicationState()).isEqualTo(YarnApplicationState.FINISHED);
      assertThat(done.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
      assertThat(done.getDiagnostics()).doesNotContain("had not ended");
      d.awaitGone();
      await().atMost(Deployment.PATIENCE).until(() -> !Files.exists(d.stagingDir()));
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
