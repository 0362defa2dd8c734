package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.FinalApplicationStatus;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparrow.common.NodeMonitorInfo;

@ExtendWith(YarnClusterExtension.class)
class ProvisioningIT {

  @Test
  void submitStartsTheDaemonsJobsRunAndStopRemovesEverything(YarnTestCluster yarn) throws Exception {
    try (Deployment d = Deployment.submit(yarn, "prov", 3, 2)) {
      assertThat(d.submission.output()).contains("All 3 node monitors and 2 schedulers registered");
      assertThat(d.nodeMonitors()).hasSize(3);
      assertThat(d.schedulers()).hasSize(2);
      for (NodeMonitorInfo nm : d.nodeMonitors().values()) {
        assertThat(nm.slots()).isEqualTo(2);
        assertThat(nm.id()).isEqualTo(nm.host() + ":" + nm.internalPort());
      }
      assertThat(d.containerProcesses()).hasSize(5);
      // No spare container was granted and released: the AM's is _000001, the daemons' _000002.._000006.
      assertThat(d.containerProcesses().keySet().stream().map(id -> Long.parseLong(id.substring(id.lastIndexOf('_') + 1))))
          .containsExactlyInAnyOrder(2L, 3L, 4L, 5L, 6L);
      assertThat(d.report().getApplicationType()).isEqualTo("SPARROW");

      Jobs.runAndAssert(yarn, "prov", 10, 4);

      ClientRun again = d.client("submit", "--node-monitors", "1");
      assertThat(again.exitCode()).isEqualTo(1);
      assertThat(again.output()).contains("cluster 'prov' already runs as " + d.appId);

      // The tracking URL shows every container, daemon and node-monitor load.
      JsonNode status = d.status();
      assertThat(status.get("cluster").asText()).isEqualTo("prov");
      assertThat(status.get("nodeMonitors")).hasSize(3);
      long completed = 0;
      for (JsonNode nm : status.get("nodeMonitors")) {
        assertThat(nm.get("load").isObject()).as("load of %s: %s", nm.get("id"), nm.get("loadError")).isTrue();
        completed += nm.get("load").get("completedTasks").asLong();
      }
      assertThat(completed).isEqualTo(40);
      // Sizes as granted (the minicluster rounds to 64 MB: 256 stays 256), a daemon id for every
      // node-monitor container; the two scheduler containers share this one host, so which
      // scheduler runs in which is unknown and they stay unpaired (DaemonIds).
      for (JsonNode role : status.get("roles")) {
        boolean schedulers = role.get("role").asText().contains("scheduler");
        for (JsonNode c : role.get("containers")) {
          assertThat(c.get("memoryMb").asInt()).isEqualTo(256);
          assertThat(c.get("daemonId").isTextual()).as("daemon of %s", c).isEqualTo(!schedulers);
        }
      }
      ClientRun statusRun = d.client("status").assertSucceeded();
      assertThat(statusRun.output()).contains("RUNNING", "Tracking URL:", "node monitor containers (3 wanted",
          "Node monitors in ZooKeeper: 3", "Schedulers in ZooKeeper: 2");

      ClientRun stop = d.client("stop", "--timeout", "90").assertSucceeded();
      assertThat(stop.output()).contains("FINISHED (SUCCEEDED)");
      ApplicationReport finalReport = d.report();
      assertThat(finalReport.getYarnApplicationState()).isEqualTo(YarnApplicationState.FINISHED);
      assertThat(finalReport.getFinalApplicationStatus()).isEqualTo(FinalApplicationStatus.SUCCEEDED);
      d.awaitGone();
      // The AM cleaned up after itself: its staging directory and its ZooKeeper record.
      await().atMost(Deployment.PATIENCE).until(() -> !Files.exists(yarn.stagingDir.resolve(d.appId.toString())));
      assertThat(d.client("status").exitCode()).isEqualTo(1);
    }
  }
}
