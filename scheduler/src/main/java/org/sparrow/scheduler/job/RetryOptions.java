package org.sparrow.scheduler.job;

/**
 * A job's failure-handling options, as submitted; each null when not given.
 *
 * @param maxAttempts           runs of a lost task at most; null = 3
 * @param idempotent            false: backend tasks are never re-run; null = true
 * @param idempotencyKey        client-chosen: a second submit with it gets the first job's id
 * @param submitDeadlineEpochMs wall-clock time after which the request must be dropped unread
 * @param clientLeaseMs         the job is given up once its frontend was not reached this long
 *                              (see {@link org.sparrow.scheduler.failure.ClientLeases}); null = never
 */
public record RetryOptions(Integer maxAttempts, Boolean idempotent, String idempotencyKey,
    Long submitDeadlineEpochMs, Long clientLeaseMs) {

  public static final RetryOptions NONE = new RetryOptions(null, null, null, null, null);

  /** Without a client lease. */
  public RetryOptions(Integer maxAttempts, Boolean idempotent, String idempotencyKey, Long submitDeadlineEpochMs) {
    this(maxAttempts, idempotent, idempotencyKey, submitDeadlineEpochMs, null);
  }

  public RetryOptions {
    idempotencyKey = idempotencyKey == null || idempotencyKey.isEmpty() ? null : idempotencyKey;
    clientLeaseMs = clientLeaseMs == null || clientLeaseMs <= 0 ? null : clientLeaseMs;
  }
}
