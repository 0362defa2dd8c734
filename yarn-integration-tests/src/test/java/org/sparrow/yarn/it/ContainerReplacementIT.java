package org.sparrow.yarn.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.sparrow.common.NodeMonitorInfo;

@ExtendWith(YarnClusterExtension.class)
class ContainerReplacementIT {

  @Test
  void aKilledNodeMonitorIsReplacedAndJobsKeepCompleting(YarnTestCluster yarn) throws Exception {
    try (Deployment d = Deployment.submit(yarn, "replace", 2, 1)) {
      NodeMonitorInfo victim = d.nodeMonitors().values().iterator().next();
      String victimContainer = victim.attributes().get(Deployment.CONTAINER_ATTRIBUTE);
      ProcessHandle process = d.containerProcesses().get(victimContainer);
      assertThat(process).as("process of container %s", victimContainer).isNotNull();

      process.destroyForcibly();

      // A new container registers a new node monitor; the dead one's znode expires with its session.
      await().atMost(Deployment.PATIENCE).until(() -> {
        Map<String, NodeMonitorInfo> now = d.nodeMonitors();
        Set<String> containers = now.values().stream()
            .map(nm -> nm.attributes().get(Deployment.CONTAINER_ATTRIBUTE)).collect(Collectors.toSet());
        return now.size() == 2 && !containers.contains(victimContainer);
      });
      Jobs.runAndAssert(yarn, "replace", 6, 4);
      assertThat(d.status().get("failures").asInt()).isEqualTo(1);
      assertThat(d.status().get("recentFailures").get(0).asText()).contains(victimContainer);
    }
  }
}
