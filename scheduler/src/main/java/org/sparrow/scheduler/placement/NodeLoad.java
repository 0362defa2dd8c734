package org.sparrow.scheduler.placement;

/** A node monitor's load, as answered by NodeMonitorInternalService.getLoad. */
public record NodeLoad(String nodeMonitorId, int slots, int runningTasks, int queuedReservations,
    long completedTasks) {

  /** Work waiting or running per slot: what "least loaded" compares. */
  public double loadPerSlot() {
    return (runningTasks + (double) queuedReservations) / Math.max(1, slots);
  }
}
