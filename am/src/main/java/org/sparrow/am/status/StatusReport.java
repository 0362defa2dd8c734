package org.sparrow.am.status;

import java.util.List;
import org.sparrow.am.autoscale.AutoscaleDecision;
import org.sparrow.common.NodeLoad;

/**
 * What the tracking URL shows (as HTML and as JSON): the AM's containers per role, and the
 * daemons registered in ZooKeeper with each node monitor's current load, and the autoscaler's
 * settings ({@code autoscale}, null when it is off) and recent decisions.
 */
public record StatusReport(
    String cluster,
    String applicationAttempt,
    String zookeeper,
    long generatedAtMillis,
    boolean stopping,
    boolean finished,
    int failures,
    int maxFailures,
    List<String> recentFailures,
    List<RoleView> roles,
    List<NodeMonitorView> nodeMonitors,
    List<SchedulerView> schedulers,
    String autoscale,
    List<AutoscaleDecision> autoscaleDecisions) {

  /** One role's containers. */
  public record RoleView(String role, int target, int pendingAsks, int memoryMb, int vcores,
      List<ContainerView> containers) {}

  /**
   * One container, with the resources YARN granted (rounded up to the scheduler's minimum
   * allocation, so often more than asked); {@code daemonId} is the id of the daemon it
   * registered in ZooKeeper, when it is known (see {@link org.sparrow.am.DaemonIds}).
   */
  public record ContainerView(String id, String host, String node, String state, long sinceMillis,
      String daemonId, int memoryMb, int vcores) {}

  /** A registered node monitor; {@code load} is null when probing it failed ({@code loadError}). */
  public record NodeMonitorView(String id, String host, int internalPort, int backendPort, int slots,
      String container, NodeLoad load, String loadError) {}

  /** A registered scheduler. */
  public record SchedulerView(String id, String host, int port, int internalPort) {}
}
