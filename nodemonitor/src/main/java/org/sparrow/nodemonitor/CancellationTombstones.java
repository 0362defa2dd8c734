package org.sparrow.nodemonitor;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.sparrow.common.Clock;

/**
 * Request ids cancelled recently. A cancel and its enqueue travel on different connections, so
 * the cancel may arrive first: the enqueue of a remembered id is discarded. Bounded both in
 * time (entries expire) and in size (the oldest go first). Not thread-safe.
 */
public final class CancellationTombstones {

  public static final Duration DEFAULT_TTL = Duration.ofSeconds(60);
  public static final int DEFAULT_MAX_ENTRIES = 100_000;

  private final Clock clock;
  private final long ttlNanos;
  private final int maxEntries;
  /** requestId -> expiry (nanoTime); insertion order = expiry order, since the TTL is fixed. */
  private final LinkedHashMap<String, Long> expiries = new LinkedHashMap<>();

  public CancellationTombstones(Clock clock, Duration ttl, int maxEntries) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("tombstone ttl must be positive, got " + ttl);
    }
    if (maxEntries <= 0) {
      throw new IllegalArgumentException("tombstone maxEntries must be positive, got " + maxEntries);
    }
    this.ttlNanos = ttl.toNanos();
    this.maxEntries = maxEntries;
  }

  public CancellationTombstones(Clock clock) {
    this(clock, DEFAULT_TTL, DEFAULT_MAX_ENTRIES);
  }

  public void add(String requestId) {
    long now = clock.nanoTime();
    expireOld(now);
    expiries.remove(requestId);  // re-insert so it moves to the young end
    expiries.put(requestId, now + ttlNanos);
    if (expiries.size() > maxEntries) {
      Iterator<String> eldest = expiries.keySet().iterator();
      eldest.next();
      eldest.remove();
    }
  }

  public boolean contains(String requestId) {
    long now = clock.nanoTime();
    expireOld(now);
    return expiries.containsKey(requestId);
  }

  public int size() {
    expireOld(clock.nanoTime());
    return expiries.size();
  }

  private void expireOld(long now) {
    for (Iterator<Map.Entry<String, Long>> it = expiries.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue() - now > 0) {
        return;
      }
      it.remove();
    }
  }
}
