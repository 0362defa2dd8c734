package org.sparrow.am;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.sparrow.am.autoscale.AutoscalePolicy;
import org.sparrow.am.autoscale.LoadSample;
import org.sparrow.am.status.StatusReport;

/**
 * Turns what the AM already measures (its containers, and the status report's load probe of
 * every node monitor) into the plain numbers an {@link AutoscalePolicy} reads. Only node
 * monitors in this AM's running containers count.
 */
public final class LoadSamples {

  private LoadSamples() {}

  /** Empty while stopping: the policy has nothing to decide then. */
  public static Optional<LoadSample> of(ProvisionerSnapshot snapshot, StatusReport report, int headroom) {
    if (snapshot.stopping() || snapshot.finished()) {
      return Optional.empty();
    }
    RoleStatus nm = snapshot.role(Role.NODE_MONITOR);
    Set<String> running = nm.containers().stream().filter(c -> c.state() == ContainerState.RUNNING)
        .map(c -> c.container().id()).collect(Collectors.toSet());
    boolean settled = nm.pendingAsks() == 0 && running.size() == nm.target()
        && nm.containers().stream().map(TrackedContainer::state).allMatch(s -> s == ContainerState.RUNNING);
    int reporting = 0;
    int slots = 0;
    int runningTasks = 0;
    int queued = 0;
    boolean unanswered = false;
    for (StatusReport.NodeMonitorView v : report.nodeMonitors()) {
      if (v.container() == null || !running.contains(v.container())) {
        continue;
      }
      if (v.load() == null) {
        unanswered = true;
        continue;
      }
      reporting++;
      slots += v.load().slots();
      runningTasks += v.load().runningTasks();
      queued += v.load().queuedReservations();
    }
    boolean changing = !settled || unanswered || reporting != running.size();
    return Optional.of(new LoadSample(nm.target(), reporting, slots, runningTasks, queued, changing, headroom));
  }
}
