package org.sparrow.scheduler;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Job ids "schedulerId/bootId/counter", unique across schedulers: the scheduler id (host:port)
 * separates live schedulers, the boot id separates successive runs on the same address.
 */
final class RequestIds {

  private final String prefix;
  private final String bootId;
  private final AtomicLong counter = new AtomicLong();

  RequestIds(String schedulerId, String bootId) {
    this.prefix = schedulerId + "/" + bootId + "/";
    this.bootId = bootId;
  }

  /** The incarnation the ids are minted by. */
  String bootId() {
    return bootId;
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

  /**
   * The id reservations of a job carry after {@code epoch} rounds of cancellation: node
   * monitors remember cancelled ids and discard later enqueues under them, so reservations for
   * a retried task after its job's leftovers were cancelled need a fresh one. Tasks keep the
   * job's id; getTasks and returned reservations under an alias find the job by {@link #jobOf}.
   */
  static String alias(String requestId, int epoch) {
    return epoch == 0 ? requestId : requestId + "~" + epoch;
  }

  /** The job id of a reservation id (itself, or what an alias was made from). */
  static String jobOf(String reservationId) {
    int i = reservationId.lastIndexOf('~');
    return i < 0 ? reservationId : reservationId.substring(0, i);
  }
}
