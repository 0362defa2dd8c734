package org.sparrow.scheduler;

import java.util.function.Function;
import org.sparrow.common.Clock;
import org.sparrow.scheduler.failure.IdempotencyKeys;
import org.sparrow.scheduler.job.JobRequest;

/**
 * What a submit passes before it is accepted, so a client can resubmit safely: a request with
 * an idempotency key this scheduler accepted already gets that job's id (it never runs twice);
 * a request arriving past its submit deadline (the client gave up on it and may have sent it
 * elsewhere) is dropped; a draining scheduler refuses new jobs, except those of original Sparrow
 * frontends (see {@link Scheduler#acceptOriginal}). The last two refusals are
 * {@link SubmitRefusedException}s: the client may go to another scheduler.
 */
final class SubmitGate {

  private final IdempotencyKeys keys;
  private final Clock clock;
  private final SchedulerMetrics metrics;
  /** How long a key outlives its job's deadline (the finished-job retention). */
  private final long retainNanos;
  private volatile boolean draining;

  SubmitGate(IdempotencyKeys keys, Clock clock, SchedulerMetrics metrics, long retainMs) {
    this.keys = keys;
    this.clock = clock;
    this.metrics = metrics;
    this.retainNanos = retainMs * 1_000_000L;
  }

  /** From now on new jobs are refused (duplicates of accepted ones are still answered). */
  void drain() {
    draining = true;
  }

  boolean draining() {
    return draining;
  }

  /**
   * What a submit became: a new job ({@code fresh}), or the job an earlier submit with the same
   * key got; {@code scopedKey} is null for a request without a key.
   */
  record Admitted(String requestId, boolean fresh, String scopedKey) {}

  /**
   * @param accept accepts the job and returns its request id (throws if it refuses it)
   * @param maxRunMs how long the job may run at most (its timeout), for the key's retention
   * @param whileDraining admitted even while draining
   */
  Admitted submit(JobRequest request, Function<JobRequest, String> accept, long maxRunMs, boolean whileDraining) {
    String key = request.retry().idempotencyKey();
    if (key == null) {
      check(request, whileDraining);
      return new Admitted(accept.apply(request), true, null);
    }
    String scoped = scoped(request);
    synchronized (keys.lockFor(scoped)) {
      String existing = keys.lookup(scoped, clock.nanoTime());
      if (existing != null) {
        metrics.submitsDuplicate.mark();
        return new Admitted(existing, false, scoped);
      }
      check(request, whileDraining);
      String requestId = accept.apply(request);
      keys.remember(scoped, requestId, clock.nanoTime() + maxRunMs * 1_000_000L + retainNanos);
      return new Admitted(requestId, true, scoped);
    }
  }

  /** The request's idempotency key as this gate keeps it: keys are chosen per application. */
  static String scoped(JobRequest request) {
    return request.app() + "\u0000" + request.retry().idempotencyKey();
  }

  /** The job was dropped unrun (or given up): a later submit with its key is a new job. */
  void forget(Admitted a) {
    if (a.scopedKey() != null) {
      synchronized (keys.lockFor(a.scopedKey())) {
        keys.forget(a.scopedKey(), a.requestId());
      }
    }
  }

  /** Whether the request's submit deadline (in this scheduler's clock) has passed. */
  boolean pastDeadline(JobRequest request) {
    Long deadline = request.retry().submitDeadlineEpochMs();
    return deadline != null && clock.currentTimeMillis() > deadline;
  }

  void expire(long nowNanos) {
    keys.expire(nowNanos);
  }

  private void check(JobRequest request, boolean whileDraining) {
    Long deadline = request.retry().submitDeadlineEpochMs();
    if (deadline != null && clock.currentTimeMillis() > deadline) {
      metrics.submitsExpired.mark();
      throw new SubmitRefusedException("the request arrived " + (clock.currentTimeMillis() - deadline)
          + " ms after its submit deadline; dropped unrun");
    }
    if (draining && !whileDraining) {
      throw new SubmitRefusedException("scheduler is draining and takes no new jobs; submit to another scheduler");
    }
  }
}
