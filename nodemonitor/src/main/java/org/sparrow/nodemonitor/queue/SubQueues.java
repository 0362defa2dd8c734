package org.sparrow.nodemonitor.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A queue split into sub-queues by a key (a priority level, a user), each with the count of its
 * slots in use: the bookkeeping that {@link PriorityReservationQueue} and
 * {@link WeightedFairReservationQueue} share. It knows which sub-queue holds a request (a cancel
 * goes straight there), keeps the total, checks that no sub-queue gets back more slots than it
 * handed out, and drops a sub-queue once it holds nothing (so keys such as deadlines used as
 * priorities leave no state behind). Which sub-queue serves next is the policy's choice. Not
 * thread-safe (see {@link ReservationQueue}).
 *
 * @param <K> the key
 * @param <Q> the sub-queues' type
 */
final class SubQueues<K, Q extends ReservationQueue> {

  /** One sub-queue and its slots handed out and not yet released. */
  static final class Sub<K, Q> {
    final K key;
    final Q queue;
    int inUse;

    private Sub(K key, Q queue) {
      this.key = key;
      this.queue = queue;
    }
  }

  private final Map<K, Sub<K, Q>> subs;
  private final Function<K, Q> create;
  private final Function<K, String> describe;
  private final RequestIndex<K> requests = new RequestIndex<>();
  private int size;

  /**
   * @param subs     empty; its iteration order is {@link #all()}'s (a TreeMap for priorities)
   * @param create   a new sub-queue for a key
   * @param describe a key in an error message ("at priority 3", "for user 'alice'")
   */
  SubQueues(Map<K, Sub<K, Q>> subs, Function<K, Q> create, Function<K, String> describe) {
    this.subs = subs;
    this.create = create;
    this.describe = describe;
  }

  /** The sub-queues, in the map's order. */
  Collection<Sub<K, Q>> all() {
    return subs.values();
  }

  void offer(K key, QueuedReservation entry) {
    int count = entry.reservation().count();
    sub(key).queue.offer(entry);
    requests.queued(entry.requestId(), key, count);
    size += count;
  }

  /** Up to {@code maxSlots} slots from {@code sub}, which must not be empty; counted in use. */
  SlotClaim poll(Sub<K, Q> sub, int maxSlots) {
    SlotClaim claim = sub.queue.poll(maxSlots);
    sub.inUse += claim.slots();
    requests.claimed(claim.entry().requestId(), claim.slots());
    size -= claim.slots();
    return claim;
  }

  /** @throws IllegalStateException if the sub-queue of {@code key} holds fewer slots in use */
  void released(K key, QueuedReservation entry, int slots, ReleaseReason reason) {
    Sub<K, Q> sub = subs.get(key);
    if (sub == null || slots > sub.inUse) {
      throw new IllegalStateException(slots + " slots of " + entry.requestId() + " released "
          + describe.apply(key) + ", which holds " + (sub == null ? 0 : sub.inUse));
    }
    sub.inUse -= slots;
    sub.queue.released(entry, slots, reason);
    dropIfIdle(sub);
  }

  void adopt(K key, QueuedReservation entry, int slots) {
    Sub<K, Q> sub = sub(key);
    sub.inUse += slots;
    sub.queue.adopt(entry, slots);
  }

  int removeRequest(String requestId) {
    K key = requests.remove(requestId);
    Sub<K, Q> sub = key == null ? null : subs.get(key);
    if (sub == null) {
      return 0;
    }
    int removed = sub.queue.removeRequest(requestId);
    size -= removed;
    dropIfIdle(sub);
    return removed;
  }

  /** Everything queued, in the sub-queues' order; sub-queues with slots in use stay. */
  List<QueuedReservation> removeAll() {
    List<QueuedReservation> all = new ArrayList<>();
    for (Sub<K, Q> sub : List.copyOf(subs.values())) {
      all.addAll(sub.queue.removeAll());
      dropIfIdle(sub);
    }
    requests.clear();
    size = 0;
    return all;
  }

  int size() {
    return size;
  }

  Map<String, Integer> queuedByUser() {
    Map<String, Integer> out = new HashMap<>();
    for (Sub<K, Q> sub : subs.values()) {
      sub.queue.queuedByUser().forEach((u, n) -> out.merge(u, n, Integer::sum));
    }
    return out;
  }

  static void checkMaxSlots(int maxSlots) {
    if (maxSlots <= 0) {
      throw new IllegalArgumentException("maxSlots must be positive, got " + maxSlots);
    }
  }

  private Sub<K, Q> sub(K key) {
    return subs.computeIfAbsent(key, k -> new Sub<>(k, create.apply(k)));
  }

  private void dropIfIdle(Sub<K, Q> sub) {
    if (sub.inUse == 0 && sub.queue.isEmpty()) {
      subs.remove(sub.key);
    }
  }
}
