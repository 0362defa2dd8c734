package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.InMemoryClusterDirectory;

/** Node monitors follow the cluster's queue settings live, unless they fixed their own policy. */
class LiveQueuePolicyTest {

  private static NodeMonitorDaemon start(InMemoryClusterDirectory dir, String override) throws Exception {
    return NodeMonitorDaemon.builder().directory(dir).config(NodeMonitorConfig.builder().slots(1)
        .bindHost("127.0.0.1").internalPort(0).backendPort(0).queuePolicy(override).build()).build().start();
  }

  @Test
  void followsTheClusterAndIgnoresUnknownNames() throws Exception {
    InMemoryClusterDirectory dir = new InMemoryClusterDirectory("c");
    dir.writeSettings(ClusterSettings.defaults().withQueue("priority", Map.of(), 1));
    try (NodeMonitorDaemon nm = start(dir, null)) {
      assertThat(nm.queuePolicy()).isEqualTo("priority");
      dir.writeSettings(ClusterSettings.defaults().withQueue("weighted-fair", Map.of("a", 2), 1));
      assertThat(nm.queuePolicy()).isEqualTo("weighted-fair");
      dir.writeSettings(ClusterSettings.defaults().withQueue("from-the-future", Map.of(), 1));
      assertThat(nm.queuePolicy()).isEqualTo("weighted-fair");
    }
  }

  @Test
  void aNodeWithItsOwnPolicyKeepsIt() throws Exception {
    InMemoryClusterDirectory dir = new InMemoryClusterDirectory("c");
    try (NodeMonitorDaemon nm = start(dir, "priority")) {
      assertThat(nm.queuePolicy()).isEqualTo("priority");
      dir.writeSettings(ClusterSettings.defaults().withQueue("weighted-fair", Map.of(), 1));
      assertThat(nm.queuePolicy()).isEqualTo("priority");
    }
  }
}
