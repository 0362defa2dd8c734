package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparrow.common.InMemoryClusterDirectory;

class NodeMonitorConfigTest {

  @Test
  void badSettingsAreNamedWithTheirValidRange() {
    assertThatThrownBy(() -> NodeMonitorConfig.builder().slots(0).build())
        .hasMessage("slots must be in 1..100000, got 0");
    assertThatThrownBy(() -> NodeMonitorConfig.builder().internalPort(70_000).build())
        .hasMessage("internalPort must be in 0..65535 (0 = any free port), got 70000");
    assertThatThrownBy(() -> NodeMonitorConfig.builder().metricsPort(-2).build())
        .hasMessageStartingWith("metricsPort must be in -1..65535");
    assertThatThrownBy(() -> NodeMonitorConfig.builder().cancelTombstoneTtl(Duration.ZERO).build())
        .hasMessageContaining("cancelTombstoneTtl");
    assertThatThrownBy(() -> NodeMonitorConfig.builder().drainTimeoutMs(0).build())
        .hasMessage("drainTimeoutMs must be in 1..86400000, got 0");
    assertThatThrownBy(() -> NodeMonitorConfig.builder().getTasksTimeoutMs(0).build())
        .hasMessageStartingWith("getTasksTimeoutMs must be in 1..");
    assertThatThrownBy(() -> NodeMonitorConfig.builder().slowSchedulerBackoffMs(-1).build())
        .hasMessage("slowSchedulerBackoffMs must be at least 0, got -1");
    assertThatThrownBy(() -> NodeMonitorConfig.builder().bindHost(" ").build())
        .hasMessageStartingWith("bindHost must be a host name or address");
    assertThatThrownBy(() -> NodeMonitorDaemon.builder().directory(new InMemoryClusterDirectory("c"))
        .config(NodeMonitorConfig.builder().queuePolicy("lifo").build()).build())
        .hasMessageContaining("valid policies: fifo");
  }

  @Test
  void theDaemonRunsWithTheRecordItWasGiven() {
    NodeMonitorConfig c = NodeMonitorConfig.builder().slots(3).bindHost("127.0.0.1").internalPort(0)
        .backendPort(0).queuePolicy("priority").drainTimeoutMs(5_000).build();
    NodeMonitorDaemon nm = NodeMonitorDaemon.builder().directory(new InMemoryClusterDirectory("c")).config(c).build();
    assertThat(nm.config()).isEqualTo(c);
    assertThat(nm.slots()).isEqualTo(3);
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void argumentsLeaveDefaultsOutButAlwaysNameSlotsAndTheBindAddress() {
    assertThat(NodeMonitorConfig.builder().slots(4).build().toArgs())
        .containsExactly("--bind", "127.0.0.1", "--slots", "4");
    NodeMonitorConfig c = NodeMonitorConfig.builder().slots(2).bindHost("0.0.0.0").advertisedHost("w7")
        .internalPort(0).attributes(Map.of("zone", "eu", "a", "b")).allowCommand(true)
        .queuePolicy("priority").cancelTombstoneTtl(Duration.ofSeconds(5)).build();
    assertThat(c.toArgs()).containsExactly("--bind", "0.0.0.0", "--host", "w7", "--slots", "2",
        "--internal-port", "0", "--attribute", "a=b", "--attribute", "zone=eu", "--allow-command",
        "--queue-policy", "priority", "--cancel-tombstone-ttl-ms", "5000");
  }
}
