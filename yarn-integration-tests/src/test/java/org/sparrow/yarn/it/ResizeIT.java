package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(YarnClusterExtension.class)
class ResizeIT {

  @Test
  void resizeUpAndDownThenYarnKillRemovesEverything(YarnTestCluster yarn) throws Exception {
    try (Deployment d = Deployment.submit(yarn, "resize", 1, 1)) {
      ClientRun up = d.client("resize", "--node-monitors", "3", "--schedulers", "2").assertSucceeded();
      assertThat(up.output()).contains("ZooKeeper shows 3 node monitors and 2 schedulers");
      assertThat(d.nodeMonitors()).hasSize(3);
      assertThat(d.schedulers()).hasSize(2);
      Jobs.runAndAssert(yarn, "resize", 6, 6);

      d.client("resize", "--node-monitors", "1", "--schedulers", "1").assertSucceeded();
      assertThat(d.nodeMonitors()).hasSize(1);
      assertThat(d.schedulers()).hasSize(1);
      d.awaitDaemons(1, 1);
      await().atMost(Deployment.PATIENCE).until(() -> d.containerProcesses().size() == 2);
      Jobs.runAndAssert(yarn, "resize", 3, 2);

      ClientRun nothing = d.client("resize");
      assertThat(nothing.exitCode()).isEqualTo(1);
      assertThat(nothing.output()).contains("say what to resize");

      // `yarn application -kill`: YARN stops the AM and every container; the znodes go with them.
      yarn.yarnClient().killApplication(d.appId);
      assertThat(d.awaitEnded().getYarnApplicationState()).isEqualTo(YarnApplicationState.KILLED);
      d.awaitGone();
      // A killed AM cannot clean up: the next status (or stop) of the ended application does.
      assertThat(java.nio.file.Files.exists(d.stagingDir())).isTrue();
      assertThat(d.client("status").assertSucceeded().output()).contains("Removed the staging directory");
      assertThat(java.nio.file.Files.exists(d.stagingDir())).isFalse();
    }
  }
}
