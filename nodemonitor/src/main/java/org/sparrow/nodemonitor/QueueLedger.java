package org.sparrow.nodemonitor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sparrow.nodemonitor.queue.QueuedReservation;
import org.sparrow.nodemonitor.queue.ReleaseReason;
import org.sparrow.nodemonitor.queue.ReservationQueue;
import org.sparrow.nodemonitor.queue.SlotClaim;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reservation queue in force and the bookkeeping that keeps its promise: every slot it hands
 * out comes back to it exactly once ({@link ReservationQueue#released}), also across a live
 * replacement of the queue (the slots in use per entry are carried over). It numbers arrivals,
 * so a reservation queued again (a deferred or partly probed claim) keeps its arrival time but
 * goes to the back of its order. No threads, no lock of its own: {@link NodeMonitorCore} calls it
 * under its lock.
 */
final class QueueLedger {

  private static final Logger LOG = LoggerFactory.getLogger(QueueLedger.class);

  private ReservationQueue queue;
  /** Slots handed out by the queue and not yet released, per entry (to carry over on replace). */
  private final Map<QueuedReservation, Integer> inUse = new IdentityHashMap<>();
  private long sequence;

  QueueLedger(ReservationQueue queue) {
    this.queue = queue;
  }

  /** Queues a reservation that arrived (or was re-made) with this arrival time, in arrival order. */
  void offer(Reservation reservation, long enqueuedNanos) {
    queue.offer(new QueuedReservation(reservation, enqueuedNanos, sequence++));
  }

  /** Queues an entry as it was (its own place), e.g. a bound reservation kept by a drain. */
  void offerAgain(QueuedReservation entry) {
    queue.offer(entry);
  }

  /** Up to {@code free} slots of the reservation to serve next, counted in use; null when empty. */
  SlotClaim claim(int free) {
    SlotClaim claim = queue.poll(free);
    if (claim != null) {
      inUse.merge(claim.entry(), claim.slots(), Integer::sum);
    }
    return claim;
  }

  /** Gives slots back to the queue that is current now (it adopted those of its predecessor). */
  void release(QueuedReservation entry, int n, ReleaseReason reason) {
    inUse.merge(entry, -n, (a, b) -> a + b == 0 ? null : a + b);
    try {
      queue.released(entry, n, reason);
    } catch (RuntimeException e) {
      // A queue's accounting bug must not cost the task's report (its job would never end).
      LOG.error("Queue {} refused the release of {} slots of {}", queue.policy(), n, entry.requestId(), e);
    }
  }

  /** Claimed slots that will not be used now: released unused and queued again, at the back. */
  void requeueUnclaimed(SlotClaim part) {
    release(part.entry(), part.slots(), ReleaseReason.UNUSED);
    offer(part.asReservation(), part.entry().enqueuedNanos());
  }

  /**
   * Moves every queued reservation (keeping its arrival order) and the accounting of slots in
   * use into {@code next}, which serves from now on.
   *
   * @return false if {@code next} is already the queue
   */
  boolean replace(ReservationQueue next) {
    if (next == queue) {
      return false;
    }
    List<QueuedReservation> queued = new ArrayList<>(queue.removeAll());
    queued.sort(Comparator.comparingLong(QueuedReservation::sequence));
    queued.forEach(next::offer);
    inUse.forEach(next::adopt);
    LOG.info("Queue policy {} replaced by {} ({} queued slots moved)", queue.policy(), next.policy(),
        next.size());
    queue = next;
    return true;
  }

  /**
   * The priority the queue serves next if it may preempt lower priorities for it
   * ({@link ReservationQueue#preempts}); null otherwise or when empty.
   */
  Integer preemptingPriority() {
    return queue.preempts() ? queue.nextPriority() : null;
  }

  /** See {@link ReservationQueue#nextPriority}. */
  Integer nextPriority() {
    return queue.nextPriority();
  }

  int removeRequest(String requestId) {
    return queue.removeRequest(requestId);
  }

  List<QueuedReservation> removeAll() {
    return queue.removeAll();
  }

  int size() {
    return queue.size();
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  Map<String, Integer> queuedByUser() {
    return queue.queuedByUser();
  }

  String policy() {
    return queue.policy();
  }
}
