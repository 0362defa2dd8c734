package org.sparrow.scheduler.admission;

import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.RetryOptions;
import org.sparrow.scheduler.job.TaskRequest;

/**
 * Which API a request was written against, judged by the fields it uses; it decides how a
 * request the scheduler cannot run right now is answered.
 *
 * <p>An original Sparrow frontend ({@code SparrowFrontendClient}) returns a pooled connection
 * only when {@code submitJob} succeeds: every exception costs it one of its 8 connections, and
 * the ninth submit blocks for ever. So a request that uses only the original fields is never
 * refused by an exception. A request that uses the extensions comes from a client that knows
 * them and gets a clear {@code IncompleteRequestException} instead of a job that cannot run.
 */
public enum RequestStyle {

  /** Only fields of the original IDL (app, tasks with id, preference and message, user, description, probeRatio). */
  ORIGINAL,
  /**
   * Adds delivery extensions only: {@code timeoutMs}, {@code notifyCompletion},
   * {@code frontendAddress}, retry options (attempts, idempotency key, submit deadline).
   */
  DELIVERY,
  /** Names a task kind, task or job constraints, or a placement policy. */
  PLACEMENT;

  public static RequestStyle of(JobRequest r) {
    if (r.policy() != null || !r.constraints().isEmpty()) {
      return PLACEMENT;
    }
    for (TaskRequest t : r.tasks()) {
      if (t != null && (t.kind() != null || !t.constraints().isEmpty())) {
        return PLACEMENT;
      }
    }
    if (r.timeoutMs() != null || r.notifyCompletion() || r.frontendAddress() != null
        || !r.retry().equals(RetryOptions.NONE)) {
      return DELIVERY;
    }
    return ORIGINAL;
  }

  /**
   * Whether an invalid request is refused with an exception. If not, it is accepted and ends
   * FAILED at once, with the reason in its status and the scheduler's log.
   */
  public boolean refusesInvalid() {
    return this != ORIGINAL;
  }

  /**
   * Whether a job no node monitor can run yet (no backend of its app registered, no node
   * monitor at all, preferred hosts not in the cluster) waits for one to appear instead of
   * being refused. Kinds and constraints describe node monitors that rarely come later; their
   * absence is most likely a mistake the client should hear about at once.
   */
  public boolean waitsForNodeMonitors() {
    return this != PLACEMENT;
  }

  /** Whether two tasks of one job may share an id (they are renamed apart, see {@link DuplicateTaskIds}). */
  public boolean allowsDuplicateTaskIds() {
    return this == ORIGINAL;
  }
}
