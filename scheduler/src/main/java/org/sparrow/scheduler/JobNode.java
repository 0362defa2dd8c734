package org.sparrow.scheduler;

import java.util.LinkedHashSet;
import java.util.Set;
import org.sparrow.common.NodeMonitorInfo;

/** One job's holdings on one node monitor: a {@link ReservationLedger} entry. Guarded by the job's lock. */
final class JobNode {

  final NodeMonitorInfo info;
  /** Reservations the node monitor may still hold (placed, not yet used, cancelled or dropped). */
  int outstanding;
  /** Reservation ids (the job's id or its aliases) sent here since the last cancel. */
  final Set<String> reservationIds = new LinkedHashSet<>(2);
  /** Tasks launched here that have not reported yet. */
  final Set<Integer> running = new LinkedHashSet<>(4);

  JobNode(NodeMonitorInfo info) {
    this.info = info;
  }
}
