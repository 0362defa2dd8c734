package org.sparrow.sim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparrow.common.Membership;
import org.sparrow.common.MembershipListener;
import org.sparrow.common.NodeMonitorInfo;

/**
 * The simulated cluster's node monitors: fixed for a run, iterated in id order (so that the
 * scheduler's seeded sampling sees the same order in every run).
 */
final class FixedMembership implements Membership<NodeMonitorInfo> {

  private final Map<String, NodeMonitorInfo> snapshot;

  FixedMembership(List<NodeMonitorInfo> nodes) {
    Map<String, NodeMonitorInfo> m = new LinkedHashMap<>();
    nodes.stream().sorted((a, b) -> a.id().compareTo(b.id())).forEach(n -> m.put(n.id(), n));
    this.snapshot = Collections.unmodifiableMap(m);
  }

  @Override
  public Map<String, NodeMonitorInfo> snapshot() {
    return snapshot;
  }

  @Override
  public AutoCloseable addListener(MembershipListener<NodeMonitorInfo> listener) {
    return () -> { };
  }
}
