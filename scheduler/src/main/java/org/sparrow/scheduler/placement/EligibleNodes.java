package org.sparrow.scheduler.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sparrow.common.NodeMonitorInfo;

/**
 * One membership snapshot, ordered by node id (so a seeded Random gives the same plan whatever
 * order the snapshot came in), with the eligible subset per requirement cached: most jobs share
 * a handful of requirements, so filtering is paid once per membership change, not per job.
 * Immutable apart from the cache; safe to share between threads.
 */
public final class EligibleNodes {

  private static final int MAX_CACHED = 256;

  private final List<NodeMonitorInfo> all;
  private final Map<NodeRequirement, List<NodeMonitorInfo>> cache = new ConcurrentHashMap<>();

  public EligibleNodes(Collection<NodeMonitorInfo> nodes) {
    List<NodeMonitorInfo> sorted = new ArrayList<>(nodes);
    sorted.sort(Comparator.comparing(NodeMonitorInfo::id));
    this.all = List.copyOf(sorted);
  }

  public List<NodeMonitorInfo> all() {
    return all;
  }

  public int size() {
    return all.size();
  }

  /** Nodes satisfying the requirement, minus excluded ids, in id order. */
  public List<NodeMonitorInfo> eligible(NodeRequirement requirement, Set<String> excluded) {
    if (!excluded.isEmpty()) {
      return filter(requirement, excluded);
    }
    List<NodeMonitorInfo> hit = cache.get(requirement);
    if (hit == null) {
      hit = filter(requirement, excluded);
      if (cache.size() < MAX_CACHED) {
        cache.put(requirement, hit);
      }
    }
    return hit;
  }

  private List<NodeMonitorInfo> filter(NodeRequirement requirement, Set<String> excluded) {
    if (requirement.equals(NodeRequirement.ANY) && excluded.isEmpty()) {
      return all;
    }
    List<NodeMonitorInfo> out = new ArrayList<>();
    for (NodeMonitorInfo n : all) {
      if (!excluded.contains(n.id()) && requirement.admits(n)) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }
}
