package org.sparrow.nodemonitor;

import java.util.List;
import org.sparrow.common.HostPort;

/**
 * Hands queued reservations back to the scheduler that placed them, unrun (a draining node
 * monitor), so it re-places them elsewhere. Must not block; failures are the implementation's to
 * log: a scheduler that cannot be told still re-places them when this node monitor deregisters.
 */
@FunctionalInterface
public interface ReservationReturner {

  /** Forgets (the simulator, tests that never drain). */
  ReservationReturner NONE = (scheduler, schedulerBootId, nodeMonitorId, requestIds) -> { };

  /**
   * @param scheduler       the SchedulerInternalService of the scheduler that placed them
   * @param schedulerBootId the incarnation that placed them ("" = unknown): a successor on the
   *                        same address ignores what it did not place
   * @param nodeMonitorId   the id that scheduler knows this node monitor by
   * @param requestIds      the requests whose reservations here were dropped unrun
   */
  void returned(HostPort scheduler, String schedulerBootId, String nodeMonitorId, List<String> requestIds);
}
