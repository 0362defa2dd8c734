package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.sparrow.nodemonitor.queue.QueuedReservation;
import org.sparrow.nodemonitor.queue.ReleaseReason;
import org.sparrow.nodemonitor.queue.ReservationQueue;
import org.sparrow.nodemonitor.queue.SlotClaim;

/**
 * Checks the release hook's contract on the queue it wraps: a slot it hands out (polled, or
 * adopted on a policy change) comes back through {@code released} once, never more; {@link #out}
 * is what is still handed out.
 */
final class SlotAccountingQueue implements ReservationQueue {

  final ReservationQueue inner;
  final Map<QueuedReservation, Integer> out = new IdentityHashMap<>();
  private final boolean showsPriorities;

  private SlotAccountingQueue(ReservationQueue inner, boolean showsPriorities) {
    this.inner = inner;
    this.showsPriorities = showsPriorities;
  }

  /** {@code inner} as it is, preemption included. */
  static SlotAccountingQueue of(ReservationQueue inner) {
    return new SlotAccountingQueue(inner, true);
  }

  /**
   * {@code inner} with its priorities hidden from the core, so the core never preempts: for a
   * test whose launcher cannot suspend tasks.
   */
  static SlotAccountingQueue withoutPreemption(ReservationQueue inner) {
    return new SlotAccountingQueue(inner, false);
  }

  @Override public String policy() { return inner.policy(); }
  @Override public void offer(QueuedReservation e) { inner.offer(e); }
  @Override public int removeRequest(String id) { return inner.removeRequest(id); }
  @Override public List<QueuedReservation> removeAll() { return inner.removeAll(); }
  @Override public int size() { return inner.size(); }
  @Override public Map<String, Integer> queuedByUser() { return inner.queuedByUser(); }
  @Override public Integer nextPriority() { return showsPriorities ? inner.nextPriority() : null; }
  @Override public boolean preempts() { return showsPriorities && inner.preempts(); }

  @Override
  public SlotClaim poll(int maxSlots) {
    SlotClaim c = inner.poll(maxSlots);
    if (c != null) {
      out.merge(c.entry(), c.slots(), Integer::sum);
    }
    return c;
  }

  @Override
  public void adopt(QueuedReservation entry, int slots) {
    out.merge(entry, slots, Integer::sum);
    inner.adopt(entry, slots);
  }

  @Override
  public void released(QueuedReservation entry, int slots, ReleaseReason reason) {
    Integer held = out.get(entry);
    assertThat(held).as("slots of %s released more than handed out", entry.requestId())
        .isNotNull().isGreaterThanOrEqualTo(slots);
    out.merge(entry, -slots, (a, b) -> a + b == 0 ? null : a + b);
    inner.released(entry, slots, reason);
  }
}
