package org.sparrow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SchedulerConfigTest {

  @Test
  void badSettingsAreNamedWithTheirValidRange() {
    assertThatThrownBy(() -> SchedulerConfig.builder().port(-1).build())
        .hasMessage("port must be in 0..65535 (0 = any free port), got -1");
    assertThatThrownBy(() -> SchedulerConfig.builder().rpcThreads(0).build())
        .hasMessage("rpcThreads must be in 1..1024, got 0");
    assertThatThrownBy(() -> SchedulerConfig.builder().livenessIntervalMs(0).build())
        .hasMessage("livenessIntervalMs must be in 1..60000, got 0");
    assertThatThrownBy(() -> SchedulerConfig.builder().drainGraceMs(-5).build())
        .hasMessage("drainGraceMs must be in 0..86400000, got -5");
    assertThatThrownBy(() -> SchedulerConfig.builder().defaultJobTimeoutMs(-1).build())
        .hasMessage("defaultJobTimeoutMs must be at least 0, got -1");
    assertThatThrownBy(() -> SchedulerConfig.builder().maxQueuedNotices(0).build())
        .hasMessageStartingWith("maxQueuedNotices must be in 1..");
    assertThatThrownBy(() -> SchedulerConfig.builder().advertisedHost("").build())
        .hasMessageStartingWith("advertisedHost must be a host name or address");
  }

  @Test
  void serverThreadsZeroMeansFromTheMachine() {
    assertThat(SchedulerConfig.defaults().serverThreads()).isZero();
    assertThat(SchedulerConfig.defaults().serverThreadCount()).isGreaterThanOrEqualTo(4);
    assertThat(SchedulerConfig.builder().serverThreads(2).build().serverThreadCount()).isEqualTo(2);
  }

  @Test
  void argumentsLeaveDefaultsOut() {
    assertThat(SchedulerConfig.defaults().toArgs()).containsExactly("--bind", "127.0.0.1");
    SchedulerConfig c = SchedulerConfig.builder().bindHost("0.0.0.0").advertisedHost("w8").internalPort(0)
        .drainTimeoutMs(5_000).jmx(false).build();
    assertThat(c.toArgs()).containsExactly("--bind", "0.0.0.0", "--host", "w8", "--internal-port", "0",
        "--drain-timeout-ms", "5000", "--no-jmx");
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }
}
