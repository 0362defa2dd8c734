package org.sparrow.nodemonitor.thrift;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.sparrow.common.Clock;

/**
 * Lets one warning per key through per interval, so a dead peer does not flood the log with
 * one line per task.
 */
final class WarningLimiter {

  private final Clock clock;
  private final long intervalNanos;
  private final Map<Object, Long> lastWarned = new ConcurrentHashMap<>();

  WarningLimiter(Clock clock, long intervalMs) {
    this.clock = clock;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMs);
  }

  boolean shouldWarn(Object key) {
    long now = clock.nanoTime();
    Long last = lastWarned.get(key);
    if (last != null && now - last < intervalNanos) {
      return false;
    }
    return last == null ? lastWarned.putIfAbsent(key, now) == null
        : lastWarned.replace(key, last, now);
  }
}
