package org.sparrow.client;

/**
 * What cancelling a job did. The job ends CANCELLED at once (a client waiting for it gets a
 * {@link JobResult} whose {@link JobResult#cancelled()} is true); its running tasks are stopped
 * where their kind allows.
 *
 * @param state               the job's state afterwards (CANCELLED, unless it had ended before)
 * @param alreadyEnded        it had ended before: nothing changed
 * @param cancelledUnlaunched tasks that never started (their reservations were dropped)
 * @param killed              command tasks killed with their process tree
 * @param interrupted         in-process tasks (sleep, java) interrupted
 * @param notStoppable        tasks on application backends, which Sparrow cannot stop: they
 *                            may still run there
 * @param notReached          running tasks whose node monitor did not answer
 * @param notRunning          running tasks that had already ended on their node monitor
 */
public record CancelResult(String requestId, String scheduler, JobStatus.State state, boolean alreadyEnded,
    int cancelledUnlaunched, int killed, int interrupted, int notStoppable, int notReached, int notRunning) {}
