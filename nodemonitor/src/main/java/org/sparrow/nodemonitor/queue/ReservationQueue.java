package org.sparrow.nodemonitor.queue;

import java.util.List;
import java.util.Map;

/**
 * The order in which queued reservations get free slots. The queue counts in slots: a
 * reservation of count k holds k slots until they are claimed or removed.
 *
 * <p>Every slot a queue hands out with {@link #poll} comes back exactly once through
 * {@link #released} (the task ended, the claimed slot was not used, or the task was refused), so
 * a policy that shares slots (weighted fair share) can count what each user holds, as the
 * original Sparrow's {@code TaskScheduler} heard {@code handleTaskFinished} and
 * {@code handleNoTaskForReservation}.
 *
 * <p>Implementations need not be thread-safe: {@code NodeMonitorCore} calls them under its
 * lock (and the simulator from its single thread). Policies are created by name from
 * {@link QueuePolicies}.
 */
public interface ReservationQueue {

  /** The policy name this queue was created under (see {@link QueuePolicies}). */
  String policy();

  /** Adds a reservation with all its {@code count} slots. */
  void offer(QueuedReservation entry);

  /**
   * Takes up to {@code maxSlots} slots (at least one) of the reservation to serve next, all from
   * that one reservation; the rest of it stays queued where it was. Null when empty.
   */
  SlotClaim poll(int maxSlots);

  /**
   * {@code slots} slots handed out by {@link #poll} (or {@link #adopt}ed) for {@code entry} are
   * free again. Called once per slot in total, whatever happened to it.
   */
  void released(QueuedReservation entry, int slots, ReleaseReason reason);

  /**
   * {@code slots} slots of {@code entry} are in use although this queue did not hand them out
   * (they were claimed from the queue this one replaced at a live policy change); they will come
   * back through {@link #released}. Queues that do not count slots in use ignore it.
   */
  default void adopt(QueuedReservation entry, int slots) {}

  /** Removes every queued slot of the request; returns how many slots were removed. */
  int removeRequest(String requestId);

  /**
   * Removes and returns everything queued, in no particular order: each entry holds only its
   * unclaimed slots (see {@link QueuedReservation#remainder(int)}), so offering them to another
   * queue queues exactly what was here. Slots in use stay accounted for.
   */
  List<QueuedReservation> removeAll();

  /** Queued slots. */
  int size();

  /** Queued slots per user name (users with none are absent). */
  Map<String, Integer> queuedByUser();

  /**
   * The priority of the reservation {@link #poll} would serve next, for policies that order by
   * priority; null when empty or when this policy does not order by priority (then a suspended
   * task resumes before any queued reservation is served).
   */
  default Integer nextPriority() {
    return null;
  }

  /**
   * Whether a queued reservation may take the slot of a running task of a lower priority (a
   * larger number) when no slot is free: {@code NodeMonitorCore} then suspends that task (if its
   * kind can be suspended) and resumes it when a slot frees, ahead of queued reservations of its
   * priority or lower. Only meaningful together with {@link #nextPriority}.
   */
  default boolean preempts() {
    return false;
  }

  default boolean isEmpty() {
    return size() == 0;
  }
}
