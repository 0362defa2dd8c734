package org.sparrow.am;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The drains in progress and when each is over, free of ZooKeeper and threads: fed with the
 * membership ids still registered and the time, it says which containers may be released.
 * A drain is over when the daemon's membership entry is gone (it deregistered: its work is
 * done), when it never had one (nothing to drain), or at its deadline (timeout plus grace).
 */
public final class DrainWatch {

  /** A drain that is over, and how. */
  public record Over(String containerId, String how) {}

  private record Pending(ContainerRef container, String daemonId, long deadlineMillis) {}

  private final Map<String, Pending> pending = new LinkedHashMap<>();

  /** @param daemonId the daemon's membership id, or null when none is registered for the container */
  public void start(ContainerRef container, String daemonId, long deadlineMillis) {
    pending.put(container.id(), new Pending(container, daemonId, deadlineMillis));
  }

  public void forget(String containerId) {
    pending.remove(containerId);
  }

  public boolean isEmpty() {
    return pending.isEmpty();
  }

  /** Removes and returns the drains that are over. */
  public List<Over> check(long nowMillis, Set<String> liveNodeMonitors, Set<String> liveSchedulers) {
    List<Over> over = new ArrayList<>();
    for (var it = pending.values().iterator(); it.hasNext(); ) {
      Pending p = it.next();
      Set<String> live = p.container().role() == Role.SCHEDULER ? liveSchedulers : liveNodeMonitors;
      String how = null;
      if (p.daemonId() == null) {
        how = "no daemon was registered for it";
      } else if (!live.contains(p.daemonId())) {
        how = p.daemonId() + " deregistered";
      } else if (nowMillis >= p.deadlineMillis()) {
        how = p.daemonId() + " still registered at the drain deadline";
      }
      if (how != null) {
        it.remove();
        over.add(new Over(p.container().id(), how));
      }
    }
    return over;
  }
}
