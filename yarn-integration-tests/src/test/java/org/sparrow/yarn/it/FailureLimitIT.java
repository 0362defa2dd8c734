package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(YarnClusterExtension.class)
class FailureLimitIT {

  @Test
  void daemonsThatKeepCrashingFailTheApplicationWithDiagnostics(YarnTestCluster yarn) throws Exception {
    // Every node monitor exits at once (no such main class): replaced 3 times, then the AM gives up.
    try (Deployment d = Deployment.submit(yarn, "crashing", 1, 0, "--no-wait",
        "-D", "sparrow.yarn.main-class=org.sparrow.NoSuchMain")) {
      ApplicationReport report = d.awaitEnded();
      assertThat(report.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.FAILED);
      assertThat(report.getDiagnostics()).contains("4 container failures (more than the limit of 3)",
          "node monitor container", "exited with status 1");
      assertThat(report.getCurrentApplicationAttemptId().getAttemptId()).isEqualTo(1);
      d.awaitGone();
      // The failed AM removed its staging directory as it unregistered.
      await().atMost(Deployment.PATIENCE).until(() -> !Files.exists(d.stagingDir()));
    }
  }
}
