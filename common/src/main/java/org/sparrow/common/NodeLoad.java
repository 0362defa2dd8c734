package org.sparrow.common;

import java.util.Map;

/**
 * A node monitor's occupancy, as its core computes it and as {@code getLoad} reports it: the
 * one view of load shared by the node monitor, the schedulers' probing policies, the
 * simulator and the status tools (so that they cannot drift apart).
 *
 * @param slots              tasks it runs at once
 * @param runningTasks       tasks running
 * @param fetchingSlots      slots claimed by task fetches in flight (neither free nor running)
 * @param queuedReservations reservation slots waiting in the queue
 * @param completedTasks     tasks finished since start, whatever their state
 * @param failedTasks        of those, the ones that did not succeed
 * @param users              per user name: queued and running (empty when the node monitor does
 *                           not report users, or nothing is queued or running)
 * @param suspendedTasks     tasks suspended now to give their slot to a higher priority (they
 *                           hold no slot and are not in {@code runningTasks}); 0 unless the
 *                           node's queue policy preempts
 * @param preemptions        suspensions since the node monitor started
 */
public record NodeLoad(int slots, int runningTasks, int fetchingSlots, int queuedReservations,
    long completedTasks, long failedTasks, Map<String, UserLoad> users, int suspendedTasks,
    long preemptions) {

  public NodeLoad {
    users = users == null ? Map.of() : Map.copyOf(users);
    if (suspendedTasks < 0 || preemptions < 0) {
      throw new IllegalArgumentException("suspendedTasks and preemptions must not be negative, got "
          + suspendedTasks + " and " + preemptions);
    }
  }

  /** Nothing suspended: what queue policies that never preempt report. */
  public NodeLoad(int slots, int runningTasks, int fetchingSlots, int queuedReservations,
      long completedTasks, long failedTasks, Map<String, UserLoad> users) {
    this(slots, runningTasks, fetchingSlots, queuedReservations, completedTasks, failedTasks, users, 0, 0);
  }

  /** Without per-user figures: what the schedulers' probing and the simulator need. */
  public NodeLoad(int slots, int runningTasks, int fetchingSlots, int queuedReservations,
      long completedTasks, long failedTasks) {
    this(slots, runningTasks, fetchingSlots, queuedReservations, completedTasks, failedTasks, Map.of());
  }

  /** Slots doing work: running a task or fetching one (a fetch holds its slot). */
  public int busySlots() {
    return runningTasks + fetchingSlots;
  }

  public int freeSlots() {
    return slots - busySlots();
  }

  /** Work waiting or under way per slot: what "least loaded" compares. */
  public double loadPerSlot() {
    return (busySlots() + (double) queuedReservations) / Math.max(1, slots);
  }
}
