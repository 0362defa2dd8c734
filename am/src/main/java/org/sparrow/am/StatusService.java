package org.sparrow.am;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sparrow.am.autoscale.AutoscaleDecision;
import org.sparrow.am.autoscale.AutoscaleSettings;
import org.sparrow.am.status.AmStatus;
import org.sparrow.am.status.StatusReport;
import org.sparrow.common.Clock;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.status.ClusterSnapshot;
import org.sparrow.status.ClusterStatus;

/**
 * Builds the AM's {@link StatusReport}: its view of its containers joined with the shared
 * {@link ClusterStatus} sample (membership, each node monitor's load, each scheduler's figures),
 * so the AM's pages and the dashboard it serves read the same numbers.
 */
public final class StatusService implements AmStatus {

  private final String applicationAttempt;
  private final AmSettings settings;
  private final Supplier<ProvisionerSnapshot> containers;
  private final ClusterStatus cluster;
  private final Clock clock;
  private final Supplier<List<AutoscaleDecision>> decisions;

  public StatusService(String applicationAttempt, AmSettings settings, Supplier<ProvisionerSnapshot> containers,
      ClusterStatus cluster, Clock clock) {
    this(applicationAttempt, settings, containers, cluster, clock, List::of);
  }

  public StatusService(String applicationAttempt, AmSettings settings, Supplier<ProvisionerSnapshot> containers,
      ClusterStatus cluster, Clock clock, Supplier<List<AutoscaleDecision>> decisions) {
    this.decisions = decisions;
    this.applicationAttempt = applicationAttempt;
    this.settings = settings;
    this.containers = containers;
    this.cluster = cluster;
    this.clock = clock;
  }

  /** Container failures counted against the AM's limit. */
  @Override
  public int containerFailures() {
    return containers.get().failures();
  }

  @Override
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
    // Schedulers announce only host and ports: their containers are paired by host.
    List<ContainerRef> schedulerContainers = snapshot.role(Role.SCHEDULER).containers().stream()
        .filter(c -> c.state() != ContainerState.RELEASING).map(TrackedContainer::container).toList();
    daemonByContainer.putAll(DaemonIds.schedulers(schedulerContainers, sample.schedulers().stream()
        .map(v -> new SchedulerInfo(v.id(), v.host(), v.port(), v.internalPort())).toList()));
    List<StatusReport.SchedulerView> schedulerViews = sample.schedulers().stream()
        .map(s -> new StatusReport.SchedulerView(s.id(), s.host(), s.port(), s.internalPort()))
        .toList();

    List<StatusReport.RoleView> roles = new ArrayList<>();
    for (RoleStatus role : snapshot.roles()) {
      List<StatusReport.ContainerView> views = new ArrayList<>();
      for (TrackedContainer c : role.containers()) {
        views.add(new StatusReport.ContainerView(c.container().id(), c.container().host(), c.container().nodeId(),
            c.state().name(), c.sinceMillis(), daemonByContainer.get(c.container().id()),
            c.container().shape().memoryMb(), c.container().shape().vcores()));
      }
      roles.add(new StatusReport.RoleView(role.role().label(), role.target(), role.pendingAsks(),
          role.shape().memoryMb(), role.shape().vcores(), views));
    }
    return new StatusReport(settings.cluster(), applicationAttempt, settings.zookeeper(), clock.currentTimeMillis(),
        snapshot.stopping(), snapshot.finished(), snapshot.failures(), snapshot.maxFailures(),
        snapshot.recentFailures(), roles, nmViews, schedulerViews,
        settings.autoscale() == null ? null : describe(settings.autoscale()), decisions.get());
  }

  private static String describe(AutoscaleSettings a) {
    return "node monitors " + a.min() + ".." + a.max() + ", grow above " + a.growQueuedPerSlot()
        + " queued per slot, shrink below " + a.shrinkUtilisation() + " utilisation, window " + a.windowMs()
        + " ms, cooldown " + a.cooldownMs() + " ms";
  }
}
