package org.sparrow.nodemonitor;

import java.util.HashMap;
import java.util.Map;
import org.sparrow.common.HostPort;

/**
 * Schedulers that left a task fetch unanswered. While one is marked, its reservations give
 * their turn to other schedulers' reservations, so claimed slots do not wait on a hung peer
 * while healthy work is queued. It stays marked until it answers (a fetch, or the background
 * retry of an unanswered one): a time limit alone would hand it every slot again while it is
 * still frozen, each held for the fetch deadline. When nothing else wants the slots it is asked
 * once at once and then at most once per {@code probeIntervalNanos} (and, when the slots are
 * always wanted, once per two intervals anyway): each probe holds a slot for up to the fetch
 * deadline, so probing whenever the queue runs dry would cost a frozen peer's share of the
 * node's capacity. Not thread-safe: {@link NodeMonitorCore} uses it under
 * its lock. Time is passed in.
 */
final class SlowSchedulers {

  private final long probeIntervalNanos;
  /** Marked schedulers -> when the next probe may go out. */
  private final Map<HostPort, Long> nextProbe = new HashMap<>();

  SlowSchedulers(long probeIntervalNanos) {
    this.probeIntervalNanos = probeIntervalNanos;
  }

  /** @return true if it was not marked already (a new mark may be probed at once) */
  boolean markSlow(HostPort scheduler, long nowNanos) {
    return nextProbe.putIfAbsent(scheduler, nowNanos) == null;
  }

  /** It answered: its reservations get their turn again at once. */
  boolean markHealthy(HostPort scheduler) {
    return nextProbe.remove(scheduler) != null;
  }

  boolean isSlow(HostPort scheduler) {
    return !nextProbe.isEmpty() && nextProbe.containsKey(scheduler);
  }

  /**
   * Whether a probe of this slow scheduler may go out now; if so, the next one waits an
   * interval. {@code idle}: nothing else wants the slots (allowed once per interval, at once
   * after the mark); otherwise only when no probe went out for two intervals, so a scheduler
   * that recovered is found even on a node whose queue never runs dry.
   */
  boolean takeProbe(HostPort scheduler, long nowNanos, boolean idle) {
    Long at = nextProbe.get(scheduler);
    if (at == null) {
      return true;  // not slow (any more): nothing to hold back
    }
    long due = idle ? at : at + probeIntervalNanos;
    if (nowNanos - due < 0) {
      return false;
    }
    nextProbe.put(scheduler, nowNanos + probeIntervalNanos);
    return true;
  }
}
