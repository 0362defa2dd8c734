package org.sparrow.common.thrift;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes a daemon may hold at once for requests being read or decoded, shared by all its Thrift
 * servers. A frame reserves its length before its body is buffered and what it decodes into
 * while it is decoded; everything is given back once the call has been processed. A connection
 * whose reservation does not fit stops reading and waits ({@link #whenAvailable}); so memory for
 * requests in flight is bounded by construction, however many connections send at once.
 */
public final class FrameBudget {

  private final long limit;
  private final AtomicLong used = new AtomicLong();
  private final ConcurrentLinkedQueue<Runnable> waiters = new ConcurrentLinkedQueue<>();

  public FrameBudget(long limitBytes) {
    if (limitBytes <= 0) {
      throw new IllegalArgumentException("budget must be positive, got " + limitBytes);
    }
    this.limit = limitBytes;
  }

  /** A quarter of the maximum heap: room for the daemon's own state beside its requests. */
  public static FrameBudget forHeap() {
    return new FrameBudget(Runtime.getRuntime().maxMemory() / 4);
  }

  /** Reserves {@code bytes} if they fit; false (nothing reserved) otherwise. */
  public boolean tryReserve(long bytes) {
    while (true) {
      long now = used.get();
      if (now + bytes > limit) {
        return false;
      }
      if (used.compareAndSet(now, now + bytes)) {
        return true;
      }
    }
  }

  public void release(long bytes) {
    if (bytes <= 0) {
      return;
    }
    used.addAndGet(-bytes);
    // Wake every waiter: each retries its own reservation (the ones that still do not fit
    // register again). Waiters are few (one per connection that stopped reading).
    Runnable w;
    while ((w = waiters.poll()) != null) {
      w.run();
    }
  }

  /**
   * Runs {@code retry} once some bytes are released (at once if the budget is idle now, so a
   * waiter never misses the release that happened while it registered).
   */
  public void whenAvailable(Runnable retry) {
    waiters.add(retry);
    if (used.get() == 0 && waiters.remove(retry)) {
      retry.run();
    }
  }

  public long limit() {
    return limit;
  }

  public long used() {
    return used.get();
  }
}
