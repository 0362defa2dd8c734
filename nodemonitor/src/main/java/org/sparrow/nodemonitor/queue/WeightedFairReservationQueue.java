package org.sparrow.nodemonitor.queue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Weighted fair sharing of this node's slots across users. Each free slot goes to the queued
 * user whose slots in use (running, or claimed for a task fetch) are the smallest fraction of
 * its weight: the user furthest below its weighted share. Ties go to the user whose oldest
 * reservation arrived first. Within a user, reservations are served in arrival order, those
 * placed for a retry first ({@link FifoReservationQueue}): a retry reorders its own user's
 * work, never the shares between users.
 *
 * <p>Work-conserving: a user alone gets every slot, and shares are computed only among users
 * with queued work or slots in use, so an idle user's weight reserves nothing. Slots come back
 * through {@link #released}, including claimed slots whose fetch brought no task: they are
 * credited back to their user at once, so a user whose reservations keep turning out empty (its
 * job already placed elsewhere) is not charged for them.
 *
 * <p>Not thread-safe (see {@link ReservationQueue}).
 */
public final class WeightedFairReservationQueue implements ReservationQueue {

  public static final String POLICY = "weighted-fair";

  private final QueueConfig config;
  /** Users with queued slots or slots in use; the others are dropped. */
  private final SubQueues<String, FifoReservationQueue> users;

  public WeightedFairReservationQueue(QueueConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.users = new SubQueues<>(new HashMap<>(), u -> new FifoReservationQueue(), u -> "for user '" + u + "'");
  }

  @Override
  public String policy() {
    return POLICY;
  }

  @Override
  public void offer(QueuedReservation entry) {
    users.offer(entry.userName(), entry);
  }

  @Override
  public SlotClaim poll(int maxSlots) {
    SubQueues.checkMaxSlots(maxSlots);
    User best = null;
    User second = null;
    for (SubQueues.Sub<String, FifoReservationQueue> sub : users.all()) {
      if (sub.queue.isEmpty()) {
        continue;
      }
      User u = new User(sub, config.weightOf(sub.key));
      if (best == null || u.before(best)) {
        second = best;
        best = u;
      } else if (second == null || u.before(second)) {
        second = u;
      }
    }
    if (best == null) {
      return null;
    }
    // Claim as many slots at once as keep this user no further ahead than the runner-up, so a
    // fetch can still batch several tasks; always at least one.
    int n = maxSlots;
    if (second != null) {
      long catchUp = second.inUse() * best.weight / second.weight - best.inUse();
      n = (int) Math.max(1, Math.min(maxSlots, catchUp));
    }
    return users.poll(best.sub, n);
  }

  /** A user with queued work and its weight, while a poll compares shares. */
  private record User(SubQueues.Sub<String, FifoReservationQueue> sub, long weight) {

    long inUse() {
      return sub.inUse;
    }

    /**
     * Further below its weighted share than {@code other} (slots in use over weight), ties to
     * the user whose oldest queued reservation arrived first.
     */
    boolean before(User other) {
      int c = Long.compare(inUse() * other.weight, other.inUse() * weight);
      return c < 0 || (c == 0 && sub.queue.oldestSequence() < other.sub.queue.oldestSequence());
    }
  }

  @Override
  public void released(QueuedReservation entry, int slots, ReleaseReason reason) {
    users.released(entry.userName(), entry, slots, reason);
  }

  @Override
  public void adopt(QueuedReservation entry, int slots) {
    users.adopt(entry.userName(), entry, slots);
  }

  @Override
  public int removeRequest(String requestId) {
    return users.removeRequest(requestId);
  }

  @Override
  public List<QueuedReservation> removeAll() {
    return users.removeAll();
  }

  @Override
  public int size() {
    return users.size();
  }

  @Override
  public Map<String, Integer> queuedByUser() {
    return users.queuedByUser();
  }

  /** Slots in use per user (for tests and load reports). */
  public Map<String, Integer> inUseByUser() {
    Map<String, Integer> out = new HashMap<>();
    users.all().stream().filter(u -> u.inUse > 0).forEach(u -> out.put(u.key, u.inUse));
    return out;
  }
}
