package org.sparrow.scheduler.failure;

/**
 * When a task that did not succeed runs again: only when it was LOST (its node monitor or
 * backend failed under it; a task that ran and failed would fail again), and only while it has
 * attempts left. Backend tasks of a job that says it is not idempotent run once: the backend may
 * have acted before it was lost. Built-in kinds are retried regardless.
 *
 * @param maxAttempts runs at most, first one included (1 = never retry)
 * @param idempotent  whether backend tasks may run again
 */
public record RetryPolicy(int maxAttempts, boolean idempotent) {

  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  /** Bounds what a request may ask for, so one job cannot keep a cluster busy re-running itself. */
  public static final int LIMIT_MAX_ATTEMPTS = 10;
  public static final RetryPolicy DEFAULT = new RetryPolicy(DEFAULT_MAX_ATTEMPTS, true);

  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > LIMIT_MAX_ATTEMPTS) {
      throw new IllegalArgumentException("maxAttempts must be between 1 and " + LIMIT_MAX_ATTEMPTS
          + ", not " + maxAttempts);
    }
  }

  /**
   * @param attemptsMade runs so far, the one that just ended included
   * @param backendTask  the task goes to an application backend (no built-in kind)
   * @param lost         it ended LOST (rather than FAILED or TIMED_OUT)
   */
  public boolean retries(int attemptsMade, boolean backendTask, boolean lost) {
    if (!lost || attemptsMade >= maxAttempts) {
      return false;
    }
    return idempotent || !backendTask;
  }
}
