package org.sparrow.nodemonitor;

import java.util.List;

/**
 * The order in which queued reservations get free slots. The queue counts in slots: a
 * reservation of count k holds k slots until they are claimed or removed.
 *
 * <p>Implementations need not be thread-safe: {@link NodeMonitorCore} calls them under its
 * lock (and the simulator from its single thread). New policies (priority, weighted fair share)
 * order by {@link QueuedReservation#user()} and register in {@link ReservationQueues}.
 */
public interface ReservationQueue {

  /** The policy name this queue was created under (see {@link ReservationQueues}). */
  String policy();

  /** Adds a reservation with all its {@code count} slots. */
  void offer(QueuedReservation entry);

  /**
   * Takes up to {@code maxSlots} slots (at least one) of the reservation to serve next, all from
   * that one reservation; the rest of it stays queued where it was. Null when empty.
   */
  SlotClaim poll(int maxSlots);

  /** Removes every queued slot of the request; returns how many slots were removed. */
  int removeRequest(String requestId);

  /**
   * Empties the queue (a draining node monitor hands everything back). Returns what was queued
   * in serving order, each with only its unclaimed slots: a partly claimed reservation comes
   * back with {@code count} = its unclaimed slots and, if bound, only its unclaimed tasks.
   */
  List<QueuedReservation> removeAll();

  /** Queued slots. */
  int size();

  default boolean isEmpty() {
    return size() == 0;
  }
}
