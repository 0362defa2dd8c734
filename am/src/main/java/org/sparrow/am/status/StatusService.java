package org.sparrow.am.status;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.sparrow.am.AmSettings;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.ContainerState;
import org.sparrow.am.DaemonIds;
import org.sparrow.am.Role;
import org.sparrow.am.autoscale.AutoscaleDecision;
import org.sparrow.am.autoscale.AutoscaleSettings;
import org.sparrow.am.ProvisionerSnapshot;
import org.sparrow.am.RoleStatus;
import org.sparrow.am.TrackedContainer;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.Clock;
import org.sparrow.common.NamedThreads;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;

/**
 * Builds the {@link StatusReport}: the AM's view of its containers joined with the membership
 * plane, plus a load probe of every node monitor (in parallel, on a small owned pool, each
 * bounded by the probe's timeout so that one dead node monitor cannot stall the page).
 */
public final class StatusService implements AutoCloseable {

  private static final int PROBE_THREADS = 4;
  private static final long PROBE_WAIT_MS = 3_000;

  private final String applicationAttempt;
  private final AmSettings settings;
  private final Supplier<ProvisionerSnapshot> containers;
  private final ClusterDirectory directory;
  private final LoadProbe probe;
  private final Clock clock;
  private final Supplier<List<AutoscaleDecision>> decisions;
  private final ExecutorService probes = Executors.newFixedThreadPool(PROBE_THREADS, NamedThreads.daemon("am-load-probe"));

  public StatusService(String applicationAttempt, AmSettings settings, Supplier<ProvisionerSnapshot> containers,
      ClusterDirectory directory, LoadProbe probe, Clock clock) {
    this(applicationAttempt, settings, containers, directory, probe, clock, List::of);
  }

  public StatusService(String applicationAttempt, AmSettings settings, Supplier<ProvisionerSnapshot> containers,
      ClusterDirectory directory, LoadProbe probe, Clock clock, Supplier<List<AutoscaleDecision>> decisions) {
    this.decisions = decisions;
    this.applicationAttempt = applicationAttempt;
    this.settings = settings;
    this.containers = containers;
    this.directory = directory;
    this.probe = probe;
    this.clock = clock;
  }

  public StatusReport report() throws InterruptedException {
    ProvisionerSnapshot snapshot = containers.get();
    List<NodeMonitorInfo> nodeMonitors = new ArrayList<>(directory.nodeMonitors().snapshot().values());
    nodeMonitors.sort(Comparator.comparing(NodeMonitorInfo::id));
    Map<String, String> daemonByContainer = new HashMap<>(DaemonIds.nodeMonitors(nodeMonitors));
    List<ContainerRef> schedulerContainers = snapshot.role(Role.SCHEDULER).containers().stream()
        .filter(c -> c.state() != ContainerState.RELEASING).map(TrackedContainer::container).toList();
    daemonByContainer.putAll(DaemonIds.schedulers(schedulerContainers, directory.schedulers().snapshot().values()));

    List<Future<NodeLoad>> loads = new ArrayList<>();
    for (NodeMonitorInfo nm : nodeMonitors) {
      loads.add(probes.submit(() -> probe.load(nm.internalAddress())));
    }
    long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PROBE_WAIT_MS);
    List<StatusReport.NodeMonitorView> nmViews = new ArrayList<>();
    for (int i = 0; i < nodeMonitors.size(); i++) {
      NodeMonitorInfo nm = nodeMonitors.get(i);
      NodeLoad load = null;
      String error = null;
      try {
        load = loads.get(i).get(Math.max(0, deadline - clock.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        error = String.valueOf(e.getCause());
      } catch (java.util.concurrent.TimeoutException e) {
        loads.get(i).cancel(true);
        error = "no answer within " + PROBE_WAIT_MS + " ms";
      }
      nmViews.add(new StatusReport.NodeMonitorView(nm.id(), nm.host(), nm.internalPort(), nm.backendPort(),
          nm.slots(), nm.attributes().get(AmSettings.CONTAINER_ATTRIBUTE), load, error));
    }

    List<StatusReport.SchedulerView> schedulerViews = directory.schedulers().snapshot().values().stream()
        .sorted(Comparator.comparing(SchedulerInfo::id))
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

  @Override
  public void close() {
    probes.shutdownNow();
  }
}
