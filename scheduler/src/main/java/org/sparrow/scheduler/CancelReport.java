package org.sparrow.scheduler;

import org.sparrow.scheduler.job.JobState;

/**
 * The result of cancelling a job (wire: TCancelResult).
 *
 * @param state               the job's state afterwards: CANCELLED, unless it had ended before
 * @param alreadyEnded        it had ended before the cancel: nothing was changed
 * @param cancelledUnlaunched tasks that never started (their reservations were cancelled)
 * @param killed              command tasks killed with their process tree
 * @param interrupted         in-process tasks interrupted
 * @param notStoppable        backend tasks: cancelled here, still running on their backend
 * @param notReached          running tasks whose node monitor did not answer the stop request
 * @param notRunning          running tasks that had already ended on their node monitor
 */
public record CancelReport(String requestId, JobState state, boolean alreadyEnded, int cancelledUnlaunched,
    int killed, int interrupted, int notStoppable, int notReached, int notRunning) {

  static CancelReport ended(String requestId, JobState state) {
    return new CancelReport(requestId, state, true, 0, 0, 0, 0, 0, 0);
  }
}
