package org.sparrow.scheduler.failure;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Client-chosen idempotency keys of accepted submits -> the request id they got, so a resubmit
 * of the same job (its first answer was lost, or it timed out) is answered with the first job
 * instead of running it twice. A key is kept while its job may still run plus the finished-job
 * retention, and at most {@code maxKeys} keys (oldest forgotten first). Callers hold the lock
 * from {@link #lookup} to {@link #remember} for one key (see {@link #lockFor}), so two
 * concurrent submits with one key cannot both be accepted. Time is passed in, never read.
 */
public final class IdempotencyKeys {

  private record Entry(String requestId, long expiresNanos) {}

  private final int maxKeys;
  private final LinkedHashMap<String, Entry> byKey = new LinkedHashMap<>();
  private final Object[] locks = new Object[64];

  public IdempotencyKeys(int maxKeys) {
    this.maxKeys = maxKeys;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /** The lock to hold while deciding whether to accept a submit with this key. */
  public Object lockFor(String key) {
    return locks[Math.floorMod(key.hashCode(), locks.length)];
  }

  /** The request id an earlier submit with this key got; null if none (or it expired). */
  public synchronized String lookup(String key, long nowNanos) {
    Entry e = byKey.get(key);
    if (e == null) {
      return null;
    }
    if (e.expiresNanos - nowNanos <= 0) {
      byKey.remove(key);
      return null;
    }
    return e.requestId;
  }

  /** The submit with this key was accepted as {@code requestId}; kept until {@code expiresNanos}. */
  public synchronized void remember(String key, String requestId, long expiresNanos) {
    byKey.remove(key);  // re-inserted last: the map stays in insertion (about expiry) order
    byKey.put(key, new Entry(requestId, expiresNanos));
    Iterator<Entry> it = byKey.values().iterator();
    while (byKey.size() > maxKeys && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** Forgets the key if it still names {@code requestId} (its job was dropped unrun). */
  public synchronized void forget(String key, String requestId) {
    Entry e = byKey.get(key);
    if (e != null && e.requestId.equals(requestId)) {
      byKey.remove(key);
    }
  }

  /** Forgets expired keys (from the oldest; stops at the first live one). */
  public synchronized void expire(long nowNanos) {
    Iterator<Map.Entry<String, Entry>> it = byKey.entrySet().iterator();
    while (it.hasNext()) {
      if (it.next().getValue().expiresNanos - nowNanos > 0) {
        return;
      }
      it.remove();
    }
  }

  public synchronized int size() {
    return byKey.size();
  }
}
