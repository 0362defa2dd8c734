package org.sparrow.nodemonitor.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Weighted fair sharing of this node's slots across users. Each free slot goes to the queued
 * user whose slots in use (running, or claimed for a task fetch) are the smallest fraction of
 * its weight: the user furthest below its weighted share. Ties go to the user whose oldest
 * reservation arrived first. Within a user, reservations are served in arrival order.
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

  private static final class UserQueue {
    final String user;
    final long weight;
    final FifoReservationQueue queued = new FifoReservationQueue();
    int inUse;

    UserQueue(String user, long weight) {
      this.user = user;
      this.weight = weight;
    }

    /** Negative when this user is further below its weighted share than {@code other}. */
    int compareShare(UserQueue other) {
      return Long.compare(inUse * other.weight, other.inUse * weight);
    }
  }

  private final QueueConfig config;
  /** Users with queued slots or slots in use; the others are dropped. */
  private final Map<String, UserQueue> users = new HashMap<>();
  private final RequestIndex<String> requests = new RequestIndex<>();
  private int size;

  public WeightedFairReservationQueue(QueueConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  @Override
  public String policy() {
    return POLICY;
  }

  @Override
  public void offer(QueuedReservation entry) {
    int count = entry.reservation().count();
    user(entry.userName()).queued.offer(entry);
    requests.queued(entry.requestId(), entry.userName(), count);
    size += count;
  }

  @Override
  public SlotClaim poll(int maxSlots) {
    if (maxSlots <= 0) {
      throw new IllegalArgumentException("maxSlots must be positive, got " + maxSlots);
    }
    UserQueue best = null;
    UserQueue second = null;
    for (UserQueue u : users.values()) {
      if (u.queued.isEmpty()) {
        continue;
      }
      if (best == null || before(u, best)) {
        second = best;
        best = u;
      } else if (second == null || before(u, second)) {
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
      long catchUp = second.inUse * best.weight / second.weight - best.inUse;
      n = (int) Math.max(1, Math.min(maxSlots, catchUp));
    }
    SlotClaim claim = best.queued.poll(n);
    best.inUse += claim.slots();
    requests.claimed(claim.entry().requestId(), claim.slots());
    size -= claim.slots();
    return claim;
  }

  private static boolean before(UserQueue a, UserQueue b) {
    int c = a.compareShare(b);
    return c < 0 || (c == 0 && a.queued.peek().sequence() < b.queued.peek().sequence());
  }

  @Override
  public void released(QueuedReservation entry, int slots, ReleaseReason reason) {
    UserQueue u = users.get(entry.userName());
    if (u == null || slots > u.inUse) {
      throw new IllegalStateException(slots + " slots of " + entry.requestId() + " released for user '"
          + entry.userName() + "', who holds " + (u == null ? 0 : u.inUse));
    }
    u.inUse -= slots;
    dropIfIdle(u);
  }

  @Override
  public void adopt(QueuedReservation entry, int slots) {
    user(entry.userName()).inUse += slots;
  }

  @Override
  public int removeRequest(String requestId) {
    String user = requests.remove(requestId);
    UserQueue u = user == null ? null : users.get(user);
    if (u == null) {
      return 0;
    }
    int removed = u.queued.removeRequest(requestId);
    size -= removed;
    dropIfIdle(u);
    return removed;
  }

  @Override
  public List<QueuedReservation> removeAll() {
    List<QueuedReservation> all = new ArrayList<>();
    for (UserQueue u : List.copyOf(users.values())) {
      all.addAll(u.queued.removeAll());
      dropIfIdle(u);
    }
    requests.clear();
    size = 0;
    return all;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Map<String, Integer> queuedByUser() {
    Map<String, Integer> out = new HashMap<>();
    for (UserQueue u : users.values()) {
      if (!u.queued.isEmpty()) {
        out.put(u.user, u.queued.size());
      }
    }
    return out;
  }

  /** Slots in use per user (for tests and load reports). */
  public Map<String, Integer> inUseByUser() {
    Map<String, Integer> out = new HashMap<>();
    users.values().stream().filter(u -> u.inUse > 0).forEach(u -> out.put(u.user, u.inUse));
    return out;
  }

  private UserQueue user(String name) {
    return users.computeIfAbsent(name, n -> new UserQueue(n, config.weightOf(n)));
  }

  private void dropIfIdle(UserQueue u) {
    if (u.inUse == 0 && u.queued.isEmpty()) {
      users.remove(u.user);
    }
  }
}
