package org.sparrow.nodemonitor.queue;

import java.util.Objects;
import org.sparrow.nodemonitor.Reservation;
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
    Reservation rest = new Reservation(r.requestId(), r.appId(), r.user(), r.schedulerAddress(),
        r.count() - taken, r.nodeMonitorId(),
        r.isBound() ? r.boundTasks().subList(taken, r.count()) : null, r.schedulerBootId());
    return new QueuedReservation(rest, enqueuedNanos, sequence);
  }
}
