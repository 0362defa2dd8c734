package org.sparrow.nodemonitor;

/**
 * A snapshot of the node monitor's occupancy.
 *
 * @param running     tasks running
 * @param fetching    slots claimed by task fetches in flight (neither free nor running)
 * @param queuedSlots reservation slots waiting in the queue
 * @param completed   tasks finished since start, whatever their state
 * @param failed      of those, the ones that did not succeed
 */
public record NodeLoad(int slots, int running, int fetching, int queuedSlots, long completed,
    long failed) {

  public int freeSlots() {
    return slots - running - fetching;
  }

  /** {@link #running()}, under its TNodeLoad name. */
  public int runningTasks() {
    return running;
  }

  /** {@link #queuedSlots()}, under its TNodeLoad name. */
  public int queuedReservations() {
    return queuedSlots;
  }
}
