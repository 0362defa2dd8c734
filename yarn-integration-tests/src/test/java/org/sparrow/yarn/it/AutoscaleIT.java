package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;

@ExtendWith(YarnClusterExtension.class)
class AutoscaleIT {

  @Test
  void aBurstGrowsTheNodeMonitorsAndIdlenessShrinksThemWithoutFailingAJob(YarnTestCluster yarn) throws Exception {
    try (Deployment d = Deployment.submit(yarn, "auto", 1, 1,
        "--autoscale", "min=1,max=3,window-ms=2000,cooldown-ms=3000,interval-ms=1000");
        SparrowClient client = Jobs.client(yarn, "auto")) {
      assertThat(d.nodeMonitors()).hasSize(1);
      // 30 jobs of 4 half-second tasks: ~30 s of work for one node monitor of 2 slots.
      List<CompletableFuture<JobResult>> burst = Jobs.submit(client, 30, 4, 500);
      await().atMost(Deployment.PATIENCE).until(() -> d.nodeMonitors().size() >= 2);
      Jobs.assertAllSucceed(burst);

      // Idle: back to the minimum, by draining.
      await().atMost(Deployment.PATIENCE).until(() -> d.nodeMonitors().size() == 1
          && d.status().get("roles").findValues("containers").stream().mapToInt(JsonNode::size).sum() == 2);
      JsonNode status = d.status();
      assertThat(status.get("autoscale").asText()).contains("node monitors 1..3");
      List<JsonNode> decisions = List.copyOf(status.get("autoscaleDecisions").findParents("reason"));
      assertThat(decisions).anySatisfy(x -> {
        assertThat(x.get("to").asInt()).isGreaterThan(x.get("from").asInt());
        assertThat(x.get("reason").asText()).contains("queued reservations per slot");
      });
      assertThat(decisions).anySatisfy(x -> {
        assertThat(x.get("to").asInt()).isEqualTo(1);
        assertThat(x.get("reason").asText()).contains("utilisation");
      });
      assertThat(d.client("status").assertSucceeded().output()).contains("Autoscaling: node monitors 1..3");
      assertThat(status.get("failures").asInt()).isZero();
    }
  }
}
