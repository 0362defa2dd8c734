package org.sparrow.nodemonitor.queue;

import java.util.List;
import java.util.Objects;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.common.UserInfo;

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

  /** The user name queues share slots by. */
  public String userName() {
    return reservation.user().user();
  }

  public int priority() {
    return reservation.user().priority();
  }

  /**
   * Placed for a task whose earlier run was lost: served ahead of the ordinary reservations of
   * its priority (and user), in arrival order among such reservations.
   */
  public boolean forRetry() {
    return reservation.forRetry();
  }

  /**
   * The same reservation without its first {@code taken} slots (and their bound tasks), keeping
   * its arrival time and place: what is left of it in a queue after {@code taken} slots were
   * claimed. {@code this} when nothing was taken.
   */
  public QueuedReservation remainder(int taken) {
    Reservation r = reservation;
    if (taken == 0) {
      return this;
    }
    if (taken < 0 || taken >= r.count()) {
      throw new IllegalArgumentException("remainder after " + taken + " of " + r.count() + " slots");
    }
    Reservation rest = r.withSlots(r.count() - taken,
        r.isBound() ? r.boundTasks().subList(taken, r.count()) : List.of());
    return new QueuedReservation(rest, enqueuedNanos, sequence);
  }
}
