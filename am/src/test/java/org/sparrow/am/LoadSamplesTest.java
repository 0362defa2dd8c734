package org.sparrow.am;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.am.autoscale.LoadSample;
import org.sparrow.am.status.StatusReport;
import org.sparrow.common.NodeLoad;

/** The sample the autoscaling policy reads, built from the AM's containers and its load probes. */
class LoadSamplesTest {

  private static final ContainerShape NM = new ContainerShape(1024, 1);

  @Test
  void theSampleCountsOnlyOurRunningNodeMonitorsAndSaysWhenAChangeIsUnderWay() {
    ContainerRef a = new ContainerRef("c1", "h1", "h1:1", Role.NODE_MONITOR, NM);
    ContainerRef b = new ContainerRef("c2", "h2", "h2:1", Role.NODE_MONITOR, NM);
    RoleStatus nms = new RoleStatus(Role.NODE_MONITOR, 2, 0, NM, List.of(
        new TrackedContainer(a, ContainerState.RUNNING, 0), new TrackedContainer(b, ContainerState.RUNNING, 0)));
    RoleStatus scheds = new RoleStatus(Role.SCHEDULER, 0, 0, NM, List.of());
    ProvisionerSnapshot snapshot = new ProvisionerSnapshot(List.of(scheds, nms), 0, 3, List.of(), false, false);
    StatusReport report = report(List.of(
        view("h1:1", "c1", new NodeLoad(4, 3, 0, 10, 0, 0), null),
        view("h2:1", "c2", new NodeLoad(4, 1, 0, 2, 0, 0), null),
        view("x:1", null, new NodeLoad(8, 8, 0, 80, 0, 0), null)));
    assertThat(LoadSamples.of(snapshot, report, 5)).contains(new LoadSample(2, 2, 8, 4, 12, false, 5));

    StatusReport oneUnanswered = report(List.of(view("h1:1", "c1", new NodeLoad(4, 3, 0, 10, 0, 0), null),
        view("h2:1", "c2", null, "timeout")));
    assertThat(LoadSamples.of(snapshot, oneUnanswered, -1)).get().extracting(LoadSample::changing).isEqualTo(true);
    RoleStatus growing = new RoleStatus(Role.NODE_MONITOR, 3, 1, NM, nms.containers());
    assertThat(LoadSamples.of(new ProvisionerSnapshot(List.of(scheds, growing), 0, 3, List.of(), false, false), report, -1))
        .get().extracting(LoadSample::changing).isEqualTo(true);
    assertThat(LoadSamples.of(new ProvisionerSnapshot(List.of(scheds, nms), 0, 3, List.of(), true, false), report, -1))
        .isEmpty();
  }

  private static StatusReport.NodeMonitorView view(String id, String container, NodeLoad load, String error) {
    return new StatusReport.NodeMonitorView(id, "h", 1, 2, load == null ? 4 : load.slots(), container, load, error);
  }

  private static StatusReport report(List<StatusReport.NodeMonitorView> nms) {
    return new StatusReport("c", "a", "z", 0, false, false, 0, 3, List.of(), List.of(), nms, List.of(), null, List.of());
  }
}
