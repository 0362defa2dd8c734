package org.sparrow.nodemonitor;

import java.util.Objects;

/**
 * A reservation as it sits in a {@link ReservationQueue}.
 *
 * @param enqueuedNanos {@link org.sparrow.common.Clock#nanoTime()} at arrival (for queue wait)
 * @param sequence      arrival order on this node monitor (ties in ordered queues)
 */
public record QueuedReservation(Reservation reservation, long enqueuedNanos, long sequence) {

  public QueuedReservation {
    Objects.requireNonNull(reservation, "reservation");
  }

  public String requestId() {
    return reservation.requestId();
  }

  public UserInfo user() {
    return reservation.user();
  }
}
