package org.sparrow.nodemonitor;

import java.util.concurrent.CompletionStage;
import org.sparrow.nodemonitor.reservation.Reservation;

/**
 * Asks a reservation's scheduler for tasks (late binding). Must not block: the answer comes
 * back through the returned stage, which fails if the scheduler cannot be asked.
 */
@FunctionalInterface
public interface TaskFetcher {

  /**
   * @param reservation its schedulerAddress, requestId and nodeMonitorId (echoed verbatim) say
   *                    whom to ask and what to ask for
   * @param maxTasks    at most this many tasks (one per claimed slot)
   */
  CompletionStage<FetchedTasks> fetch(Reservation reservation, int maxTasks);
}
