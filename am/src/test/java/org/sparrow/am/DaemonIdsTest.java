package org.sparrow.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;

class DaemonIdsTest {

  private static ContainerRef scheduler(String id, String host) {
    return new ContainerRef(id, host, host + ":8041", Role.SCHEDULER, new ContainerShape(512, 1));
  }

  @Test
  void nodeMonitorsNameTheirContainer() {
    NodeMonitorInfo a = new NodeMonitorInfo("h1:1", "h1", 1, 2, 4, Map.of(AmSettings.CONTAINER_ATTRIBUTE, "c1"), Set.of(), false);
    NodeMonitorInfo stranger = new NodeMonitorInfo("h2:1", "h2", 1, 2, 4, Map.of(), Set.of(), false);
    assertThat(DaemonIds.nodeMonitors(List.of(a, stranger))).isEqualTo(Map.of("c1", "h1:1"));
  }

  @Test
  void schedulersArePairedWithOurContainersByHostUnlessAHostHasSeveral() {
    List<ContainerRef> ours = List.of(scheduler("container_1_0001_01_000010", "h1"),
        scheduler("container_1_0001_01_000002", "h1"), scheduler("container_1_0001_01_000003", "h2"),
        scheduler("container_1_0001_01_000004", "h3"));
    List<SchedulerInfo> registered = List.of(new SchedulerInfo("h1:700", "h1", 700, 701),
        new SchedulerInfo("h1:500", "h1", 500, 501), new SchedulerInfo("h2:9", "h2", 9, 10),
        new SchedulerInfo("h9:1", "h9", 1, 2));
    // Two containers on h1: which scheduler runs in which is unknown, so neither is paired.
    assertThat(DaemonIds.schedulers(ours, registered)).isEqualTo(Map.of(
        "container_1_0001_01_000003", "h2:9"));
  }
}
