package org.sparrow.nodemonitor;

import java.util.HashMap;
import java.util.Map;
import org.sparrow.common.HostPort;

/**
 * Schedulers that recently left a task fetch unanswered. While one is marked, its reservations
 * give their turn to other schedulers' reservations, so claimed slots do not wait on a hung peer
 * while healthy work is queued. Not thread-safe: {@link NodeMonitorCore} uses it under its lock.
 */
final class SlowSchedulers {

  private final long backoffNanos;
  private final Map<HostPort, Long> slowUntil = new HashMap<>();

  SlowSchedulers(long backoffNanos) {
    this.backoffNanos = backoffNanos;
  }

  /** @return true if it was not marked already */
  boolean markSlow(HostPort scheduler, long nowNanos) {
    return slowUntil.put(scheduler, nowNanos + backoffNanos) == null;
  }

  /** It answered: its reservations get their turn again at once. */
  boolean markHealthy(HostPort scheduler) {
    return slowUntil.remove(scheduler) != null;
  }

  boolean isSlow(HostPort scheduler, long nowNanos) {
    if (slowUntil.isEmpty()) {
      return false;
    }
    Long until = slowUntil.get(scheduler);
    if (until == null) {
      return false;
    }
    if (until - nowNanos <= 0) {
      slowUntil.remove(scheduler);
      return false;
    }
    return true;
  }
}
