package org.sparrow.am.status;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sparrow.am.AmSettings;
import org.sparrow.am.ProvisionerSnapshot;
import org.sparrow.am.RoleStatus;
import org.sparrow.am.TrackedContainer;
import org.sparrow.common.Clock;
import org.sparrow.status.ClusterSnapshot;
import org.sparrow.status.ClusterStatus;

/**
 * Builds the AM's {@link StatusReport}: its view of its containers joined with the shared
 * {@link ClusterStatus} sample (membership, each node monitor's load, each scheduler's figures),
 * so the AM's pages and the dashboard it serves read the same numbers.
 */
public final class StatusService {

  private final String applicationAttempt;
  private final AmSettings settings;
  private final Supplier<ProvisionerSnapshot> containers;
  private final ClusterStatus cluster;
  private final Clock clock;

  public StatusService(String applicationAttempt, AmSettings settings, Supplier<ProvisionerSnapshot> containers,
      ClusterStatus cluster, Clock clock) {
    this.applicationAttempt = applicationAttempt;
    this.settings = settings;
    this.containers = containers;
    this.cluster = cluster;
    this.clock = clock;
  }

  /** Container failures counted against the AM's limit. */
  public int containerFailures() {
    return containers.get().failures();
  }

  public StatusReport report() {
    ProvisionerSnapshot snapshot = containers.get();
    ClusterSnapshot sample = cluster.latest();
    Map<String, String> daemonByContainer = new HashMap<>();
    List<StatusReport.NodeMonitorView> nmViews = new ArrayList<>();
    for (ClusterSnapshot.NodeMonitorView nm : sample.nodeMonitors()) {
      String container = nm.attributes().get(AmSettings.CONTAINER_ATTRIBUTE);
      if (container != null) {
        daemonByContainer.put(container, nm.id());
      }
      nmViews.add(new StatusReport.NodeMonitorView(nm.id(), nm.host(), nm.internalPort(), nm.backendPort(),
          nm.slots(), container, nm.load(), nm.loadError()));
    }
    List<StatusReport.SchedulerView> schedulerViews = sample.schedulers().stream()
        .map(s -> new StatusReport.SchedulerView(s.id(), s.host(), s.port(), s.internalPort()))
        .toList();

    List<StatusReport.RoleView> roles = new ArrayList<>();
    for (RoleStatus role : snapshot.roles()) {
      List<StatusReport.ContainerView> views = new ArrayList<>();
      for (TrackedContainer c : role.containers()) {
        views.add(new StatusReport.ContainerView(c.container().id(), c.container().host(), c.container().nodeId(),
            c.state().name(), c.sinceMillis(), daemonByContainer.get(c.container().id())));
      }
      roles.add(new StatusReport.RoleView(role.role().label(), role.target(), role.pendingAsks(),
          role.shape().memoryMb(), role.shape().vcores(), views));
    }
    return new StatusReport(settings.cluster(), applicationAttempt, settings.zookeeper(), clock.currentTimeMillis(),
        snapshot.stopping(), snapshot.finished(), snapshot.failures(), snapshot.maxFailures(),
        snapshot.recentFailures(), roles, nmViews, schedulerViews);
  }
}
