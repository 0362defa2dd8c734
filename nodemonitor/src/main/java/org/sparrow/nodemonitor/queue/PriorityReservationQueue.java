package org.sparrow.nodemonitor.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Strict priorities: a free slot goes to the smallest priority number with queued work; within
 * a priority, a level queue orders reservations (FIFO for {@value #POLICY}, weighted fair share
 * across users for {@value #FAIR_POLICY}).
 *
 * <p>Preemptive by default ({@value #POLICY}, {@value #FAIR_POLICY}): when no slot is free, a
 * queued reservation may suspend the youngest running task of the lowest priority below it
 * ({@link #preempts()}; the node monitor core decides and carries it out, and resumes the
 * suspended task first when a slot frees). {@value #NONPREEMPTIVE_POLICY} never does: work
 * already running, or being fetched, is never taken back, only queued slots wait. Deadline (EDF) and shortest-job-first orderings are this policy with the frontend
 * setting the priority to the deadline or the expected duration.
 *
 * <p>Levels exist while they hold queued slots or slots in use, so a frontend using deadlines as
 * priorities creates no unbounded state. Not thread-safe (see {@link ReservationQueue}).
 */
public final class PriorityReservationQueue implements ReservationQueue {

  public static final String POLICY = "priority";
  public static final String FAIR_POLICY = "priority-weighted-fair";
  public static final String NONPREEMPTIVE_POLICY = "priority-nonpreemptive";

  private static final class Level {
    final ReservationQueue queue;
    int inUse;

    Level(ReservationQueue queue) {
      this.queue = queue;
    }
  }

  private final String policy;
  private final Supplier<ReservationQueue> levelQueues;
  private final boolean preempts;
  private final TreeMap<Integer, Level> levels = new TreeMap<>();
  private final RequestIndex<Integer> requests = new RequestIndex<>();
  private int size;

  private PriorityReservationQueue(String policy, Supplier<ReservationQueue> levelQueues,
      boolean preempts) {
    this.policy = policy;
    this.levelQueues = levelQueues;
    this.preempts = preempts;
  }

  /** {@value #POLICY}: FIFO within a priority, preemptive. */
  public static PriorityReservationQueue fifoWithin(QueueConfig config) {
    return new PriorityReservationQueue(POLICY, FifoReservationQueue::new, true);
  }

  /** {@value #NONPREEMPTIVE_POLICY}: FIFO within a priority, running work is never suspended. */
  public static PriorityReservationQueue fifoWithinNonPreemptive(QueueConfig config) {
    return new PriorityReservationQueue(NONPREEMPTIVE_POLICY, FifoReservationQueue::new, false);
  }

  /** {@value #FAIR_POLICY}: weighted fair share across users within a priority, preemptive. */
  public static PriorityReservationQueue weightedFairWithin(QueueConfig config) {
    return new PriorityReservationQueue(FAIR_POLICY, () -> new WeightedFairReservationQueue(config),
        true);
  }

  @Override
  public Integer nextPriority() {
    for (Map.Entry<Integer, Level> e : levels.entrySet()) {
      if (!e.getValue().queue.isEmpty()) {
        return e.getKey();
      }
    }
    return null;
  }

  @Override
  public boolean preempts() {
    return preempts;
  }

  @Override
  public String policy() {
    return policy;
  }

  @Override
  public void offer(QueuedReservation entry) {
    int count = entry.reservation().count();
    level(entry.priority()).queue.offer(entry);
    requests.queued(entry.requestId(), entry.priority(), count);
    size += count;
  }

  @Override
  public SlotClaim poll(int maxSlots) {
    if (maxSlots <= 0) {
      throw new IllegalArgumentException("maxSlots must be positive, got " + maxSlots);
    }
    for (Level level : levels.values()) {
      if (!level.queue.isEmpty()) {
        SlotClaim claim = level.queue.poll(maxSlots);
        level.inUse += claim.slots();
        requests.claimed(claim.entry().requestId(), claim.slots());
        size -= claim.slots();
        return claim;
      }
    }
    return null;
  }

  @Override
  public void released(QueuedReservation entry, int slots, ReleaseReason reason) {
    Level level = levels.get(entry.priority());
    if (level == null || slots > level.inUse) {
      throw new IllegalStateException(slots + " slots of " + entry.requestId()
          + " released at priority " + entry.priority() + ", which holds "
          + (level == null ? 0 : level.inUse));
    }
    level.inUse -= slots;
    level.queue.released(entry, slots, reason);
    dropIfIdle(entry.priority(), level);
  }

  @Override
  public void adopt(QueuedReservation entry, int slots) {
    Level level = level(entry.priority());
    level.inUse += slots;
    level.queue.adopt(entry, slots);
  }

  @Override
  public int removeRequest(String requestId) {
    Integer priority = requests.remove(requestId);
    Level level = priority == null ? null : levels.get(priority);
    if (level == null) {
      return 0;
    }
    int removed = level.queue.removeRequest(requestId);
    size -= removed;
    dropIfIdle(priority, level);
    return removed;
  }

  @Override
  public List<QueuedReservation> removeAll() {
    List<QueuedReservation> all = new ArrayList<>();
    for (Iterator<Level> it = levels.values().iterator(); it.hasNext(); ) {
      Level level = it.next();
      all.addAll(level.queue.removeAll());
      if (level.inUse == 0) {
        it.remove();
      }
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
    for (Level level : levels.values()) {
      level.queue.queuedByUser().forEach((u, n) -> out.merge(u, n, Integer::sum));
    }
    return out;
  }

  private Level level(int priority) {
    return levels.computeIfAbsent(priority, p -> new Level(levelQueues.get()));
  }

  private void dropIfIdle(int priority, Level level) {
    if (level.inUse == 0 && level.queue.isEmpty()) {
      levels.remove(priority);
    }
  }
}
