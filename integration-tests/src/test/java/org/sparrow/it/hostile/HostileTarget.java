package org.sparrow.it.hostile;

import java.util.List;
import java.util.Set;
import org.sparrow.common.HostPort;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.NodeMonitorService;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.SchedulerService;

/**
 * The four ports under attack: a scheduler's two services and a node monitor's two, with the
 * frame limit each daemon serves (lowered from the configured one on a small heap).
 */
record HostileTarget(HostPort scheduler, HostPort schedulerInternal, HostPort nodeMonitorBackend,
    HostPort nodeMonitorInternal, int schedulerFrameLimit, int nodeMonitorFrameLimit) {

  /** SchedulerService, SchedulerInternalService, NodeMonitorService, NodeMonitorInternalService. */
  List<HostPort> ports() {
    return List.of(scheduler, schedulerInternal, nodeMonitorBackend, nodeMonitorInternal);
  }

  /** The method names of each of {@link #ports()}'s services, in the same order. */
  static List<Set<String>> methods() {
    return List.of(
        new SchedulerService.Processor<>(null).getProcessMapView().keySet(),
        new SchedulerInternalService.Processor<>(null).getProcessMapView().keySet(),
        new NodeMonitorService.Processor<>(null).getProcessMapView().keySet(),
        new NodeMonitorInternalService.Processor<>(null).getProcessMapView().keySet());
  }
}
