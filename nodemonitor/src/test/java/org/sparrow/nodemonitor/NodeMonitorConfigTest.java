package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.sparrow.common.InMemoryClusterDirectory;

class NodeMonitorConfigTest {

  @Test
  void badSettingsAreNamed() {
    assertThatThrownBy(() -> NodeMonitorConfig.builder().slots(0).build()).hasMessageContaining("slots");
    assertThatThrownBy(() -> NodeMonitorConfig.builder().internalPort(70_000).build())
        .hasMessageContaining("internalPort");
    assertThatThrownBy(() -> NodeMonitorConfig.builder().cancelTombstoneTtl(Duration.ZERO).build())
        .hasMessageContaining("cancelTombstoneTtl");
    assertThatThrownBy(() -> NodeMonitorDaemon.builder().directory(new InMemoryClusterDirectory("c"))
        .queuePolicy("lifo").build()).hasMessageContaining("valid policies: fifo");
  }

  @Test
  void theDaemonRunsWithTheRecordItWasGiven() {
    NodeMonitorConfig c = NodeMonitorConfig.builder().slots(3).bindHost("127.0.0.1").internalPort(0)
        .backendPort(0).queuePolicy("priority").build();
    NodeMonitorDaemon nm = NodeMonitorDaemon.builder().directory(new InMemoryClusterDirectory("c")).config(c).build();
    assertThat(nm.config()).isEqualTo(c);
    assertThat(nm.slots()).isEqualTo(3);
    assertThat(NodeMonitorConfig.builder().from(c).build()).isEqualTo(c);
  }
}
