package org.sparrow.nodemonitor;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/** Reservation queue policies by name. Each call creates a new queue (no shared state). */
public final class ReservationQueues {

  private static final Map<String, Supplier<ReservationQueue>> POLICIES = new TreeMap<>(Map.of(
      FifoReservationQueue.POLICY, FifoReservationQueue::new));

  private ReservationQueues() {}

  /** A new queue of the named policy; the error lists the valid names. */
  public static ReservationQueue create(String policy) {
    Supplier<ReservationQueue> factory = policy == null ? null : POLICIES.get(policy.trim());
    if (factory == null) {
      throw new IllegalArgumentException("unknown queue policy '" + policy + "'; valid policies: "
          + String.join(", ", POLICIES.keySet()));
    }
    return factory.get();
  }

  public static java.util.Set<String> names() {
    return java.util.Collections.unmodifiableSet(POLICIES.keySet());
  }
}
