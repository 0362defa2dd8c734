package org.sparrow.nodemonitor.queue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Strict priorities: a free slot goes to the smallest priority number with queued work; within
 * a priority, a level queue orders reservations (FIFO for {@value #POLICY}, weighted fair share
 * across users for {@value #FAIR_POLICY}); either serves reservations placed for a retry ahead of
 * the ordinary ones of the level (or of the user), never ahead of a smaller priority number.
 * A retry does not preempt running work of its own priority: that would move the wait from the
 * retried job to another one (see docs/reliability.md).
 *
 * <p>Preemptive by default ({@value #POLICY}, {@value #FAIR_POLICY}): when no slot is free, a
 * queued reservation may suspend the youngest running task of the lowest priority below it
 * ({@link #preempts()}; the node monitor core decides and carries it out, and resumes the
 * suspended task first when a slot frees). {@value #NONPREEMPTIVE_POLICY} never does: work
 * already running, or being fetched, is never taken back, only queued slots wait. Deadline (EDF)
 * and shortest-job-first orderings are this policy with the frontend setting the priority to the
 * deadline or the expected duration.
 *
 * <p>Levels ({@link SubQueues}) exist while they hold queued slots or slots in use, so a frontend using deadlines as
 * priorities creates no unbounded state. Not thread-safe (see {@link ReservationQueue}).
 */
public final class PriorityReservationQueue implements ReservationQueue {

  public static final String POLICY = "priority";
  public static final String FAIR_POLICY = "priority-weighted-fair";
  public static final String NONPREEMPTIVE_POLICY = "priority-nonpreemptive";

  private final String policy;
  private final boolean preempts;
  /** Levels in priority order (smallest number first). */
  private final SubQueues<Integer, ReservationQueue> levels;

  private PriorityReservationQueue(String policy, Supplier<ReservationQueue> levelQueues,
      boolean preempts) {
    this.policy = policy;
    this.preempts = preempts;
    this.levels = new SubQueues<>(new TreeMap<>(), p -> levelQueues.get(), p -> "at priority " + p);
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
    for (SubQueues.Sub<Integer, ReservationQueue> level : levels.all()) {
      if (!level.queue.isEmpty()) {
        return level.key;
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
    levels.offer(entry.priority(), entry);
  }

  @Override
  public SlotClaim poll(int maxSlots) {
    SubQueues.checkMaxSlots(maxSlots);
    for (SubQueues.Sub<Integer, ReservationQueue> level : levels.all()) {
      if (!level.queue.isEmpty()) {
        return levels.poll(level, maxSlots);
      }
    }
    return null;
  }

  @Override
  public void released(QueuedReservation entry, int slots, ReleaseReason reason) {
    levels.released(entry.priority(), entry, slots, reason);
  }

  @Override
  public void adopt(QueuedReservation entry, int slots) {
    levels.adopt(entry.priority(), entry, slots);
  }

  @Override
  public int removeRequest(String requestId) {
    return levels.removeRequest(requestId);
  }

  @Override
  public List<QueuedReservation> removeAll() {
    return levels.removeAll();
  }

  @Override
  public int size() {
    return levels.size();
  }

  @Override
  public Map<String, Integer> queuedByUser() {
    return levels.queuedByUser();
  }
}
