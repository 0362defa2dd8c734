package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;

@ExtendWith(YarnClusterExtension.class)
class AmRestartIT {

  @Test
  void theNextAttemptAdoptsTheRunningContainersAndSchedulingNeverStops(YarnTestCluster yarn) throws Exception {
    try (Deployment d = Deployment.submit(yarn, "restart", 2, 1);
        SparrowClient client = Jobs.client(yarn, "restart")) {
      // One container failure before the restart: the limit is per application, so it must count after it.
      String victim = d.nodeMonitors().values().iterator().next().attributes().get(Deployment.CONTAINER_ATTRIBUTE);
      d.containerProcesses().get(victim).destroyForcibly();
      await().atMost(Deployment.PATIENCE).until(() -> d.status().get("failures").asInt() == 1
          && d.nodeMonitors().size() == 2 && d.containerProcesses().size() == 3
          && d.nodeMonitors().values().stream().noneMatch(nm -> victim.equals(nm.attributes().get(Deployment.CONTAINER_ATTRIBUTE))));
      // On a loaded machine a znode can flicker (a session re-established): read a full set.
      Set<String> nodeMonitorsBefore = await().atMost(Deployment.PATIENCE)
          .until(() -> Set.copyOf(d.nodeMonitors().keySet()), s -> s.size() == 2);
      Map<String, ProcessHandle> containersBefore = d.containerProcesses();
      assertThat(containersBefore).hasSize(3);
      ProcessHandle am = d.amProcess().orElseThrow();

      am.destroyForcibly();
      // Jobs submitted while no AM runs: the schedulers and node monitors never stopped.
      List<CompletableFuture<JobResult>> duringRestart = Jobs.submit(client, 6, 4);

      await().atMost(Deployment.PATIENCE).until(() -> d.report().getCurrentApplicationAttemptId().getAttemptId() == 2
          && d.report().getYarnApplicationState() == YarnApplicationState.RUNNING
          && d.amProcess().isPresent());
      Jobs.assertAllSucceed(duringRestart);

      // Attempt 2 adopted the same containers: same processes, same znodes, nothing new asked.
      await().atMost(Deployment.PATIENCE).until(() -> {
        JsonNode status = d.status();
        return status.get("applicationAttempt").asText().endsWith("_000002") && containerIds(status).size() == 3;
      });
      JsonNode status = d.status();
      assertThat(containerIds(status)).isEqualTo(containersBefore.keySet());
      assertThat(d.containerProcesses()).isEqualTo(containersBefore);
      await().atMost(Deployment.PATIENCE)
          .untilAsserted(() -> assertThat(d.nodeMonitors().keySet()).isEqualTo(nodeMonitorsBefore));
      assertThat(status.get("failures").asInt()).isEqualTo(1);
      assertThat(status.get("recentFailures").get(0).asText()).contains(victim);
      Jobs.assertAllSucceed(Jobs.submit(client, 4, 4));

      // The restarted AM still follows resize requests (its state came back from ZooKeeper).
      d.client("resize", "--node-monitors", "3").assertSucceeded();
      d.awaitDaemons(3, 1);
    }
  }

  private static Set<String> containerIds(JsonNode status) {
    Set<String> ids = new HashSet<>();
    for (JsonNode role : status.get("roles")) {
      for (JsonNode c : role.get("containers")) {
        ids.add(c.get("id").asText());
      }
    }
    return ids;
  }
}
