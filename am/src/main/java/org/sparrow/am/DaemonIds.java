package org.sparrow.am;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;

/**
 * Which daemon (membership id) runs in which container. A node monitor says it exactly: it
 * carries its container id as an attribute. A scheduler announces only host and ports, so its
 * container is the one of ours on that host; where several of our scheduler containers share a
 * host they are paired with that host's schedulers in order (oldest container, lowest id), which
 * may swap two of them on the status page. Drains name the paired scheduler.
 */
public final class DaemonIds {

  private DaemonIds() {}

  /** Container id to node-monitor id, for every node monitor that names its container. */
  public static Map<String, String> nodeMonitors(Collection<NodeMonitorInfo> registered) {
    Map<String, String> byContainer = new HashMap<>();
    for (NodeMonitorInfo nm : registered) {
      String container = nm.attributes().get(AmSettings.CONTAINER_ATTRIBUTE);
      if (container != null) {
        byContainer.put(container, nm.id());
      }
    }
    return byContainer;
  }

  /**
   * Container id to scheduler id, pairing our scheduler containers with schedulers by host. A
   * scheduler announces only host and ports, so where several scheduler containers share a host
   * the pairing would be a guess; those stay unpaired. A guess is worse than nothing: draining
   * the wrong scheduler and releasing the other container would stop both (seen in ResizeIT).
   */
  public static Map<String, String> schedulers(Collection<ContainerRef> containers, Collection<SchedulerInfo> registered) {
    Map<String, List<ContainerRef>> containersByHost = new TreeMap<>();
    for (ContainerRef c : containers) {
      if (c.role() == Role.SCHEDULER) {
        containersByHost.computeIfAbsent(c.host(), h -> new ArrayList<>()).add(c);
      }
    }
    Map<String, List<SchedulerInfo>> schedulersByHost = new HashMap<>();
    for (SchedulerInfo s : registered) {
      schedulersByHost.computeIfAbsent(s.host(), h -> new ArrayList<>()).add(s);
    }
    Map<String, String> byContainer = new HashMap<>();
    containersByHost.forEach((host, onHost) -> {
      List<SchedulerInfo> candidates = schedulersByHost.getOrDefault(host, List.of());
      if (onHost.size() > 1) {
        return;
      }
      onHost.sort(Comparator.comparing(ContainerRef::id, ContainerIds.ORDER));
      List<SchedulerInfo> sorted = new ArrayList<>(candidates);
      sorted.sort(Comparator.comparing(SchedulerInfo::id));
      for (int i = 0; i < Math.min(onHost.size(), sorted.size()); i++) {
        byContainer.put(onHost.get(i).id(), sorted.get(i).id());
      }
    });
    return byContainer;
  }
}
