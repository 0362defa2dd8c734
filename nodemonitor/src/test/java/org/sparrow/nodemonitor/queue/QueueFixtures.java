package org.sparrow.nodemonitor.queue;

import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.common.UserInfo;

/** Reservations for queue tests, numbered in arrival order. */
final class QueueFixtures {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 1);
  private long seq;

  QueuedReservation entry(String requestId, String user, int priority, int count) {
    return new QueuedReservation(Reservation.lateBinding(requestId, "app",
        new UserInfo(user, "g", priority), SCHEDULER, count, "nm"), seq, seq++);
  }

  /** The same, placed for a retried task (TReservation.retried). */
  QueuedReservation retry(String requestId, String user, int priority, int count) {
    return new QueuedReservation(Reservation.lateBinding(requestId, "app",
        new UserInfo(user, "g", priority), SCHEDULER, count, "nm").withForRetry(true), seq, seq++);
  }
}
