package org.sparrow.scheduler;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Job ids "schedulerId/bootId/counter", unique across schedulers: the scheduler id (host:port)
 * separates live schedulers, the boot id separates successive runs on the same address.
 */
final class RequestIds {

  private final String prefix;
  private final AtomicLong counter = new AtomicLong();

  RequestIds(String schedulerId, String bootId) {
    this.prefix = schedulerId + "/" + bootId + "/";
  }

  /**
   * A fresh boot id. Deliberately not from the injected (possibly seeded) Random: a restart with
   * the same seed on the same port must not reuse the previous run's ids, which node monitors
   * may still remember as cancelled.
   */
  static String randomBootId() {
    return Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);
  }

  String next() {
    return prefix + counter.incrementAndGet();
  }
}
