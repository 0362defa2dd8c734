package org.sparrow.scheduler;

import org.sparrow.scheduler.admission.Admission;
import org.sparrow.scheduler.job.JobRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a job gets in: the {@link SubmitGate} (drain, submit deadline, idempotency key), then
 * {@link Admission} (start now or wait for a node monitor), with the job's reservations held by
 * {@link AnswerHolds} until the adapter says whether its answer went out before the submit
 * deadline; a job whose answer missed it is dropped unrun (its client sends it elsewhere).
 */
final class Submissions {

  private static final Logger LOG = LoggerFactory.getLogger(Submissions.class);

  private final SubmitGate gate;
  private final Admission admission;
  private final Admission.Starter starter;
  private final AnswerHolds holds;
  private final SchedulerMetrics metrics;
  private final long defaultJobTimeoutMs;

  Submissions(SubmitGate gate, Admission admission, Admission.Starter starter, AnswerHolds holds,
      SchedulerMetrics metrics, long defaultJobTimeoutMs) {
    this.gate = gate;
    this.admission = admission;
    this.starter = starter;
    this.holds = holds;
    this.metrics = metrics;
    this.defaultJobTimeoutMs = defaultJobTimeoutMs;
  }

  /** See {@link Scheduler#accept} and {@link Scheduler#acceptOriginal}. */
  Acceptance accept(JobRequest request, boolean whileDraining) {
    AnswerHolds.Hold hold = holds.open();
    SubmitGate.Admitted admitted;
    try {
      admitted = gate.submit(request, r -> admission.submit(r, starter), keyRetentionMs(request), whileDraining);
    } finally {
      holds.close();
    }
    if (!admitted.fresh()) {
      hold.keep.complete(true);
      return new Acceptance(admitted.requestId(), written -> { });  // the first submit decides
    }
    return new Acceptance(admitted.requestId(), written -> settle(admitted, request, hold, written));
  }

  /** Keeps the job, or drops it unrun when its answer missed the submit deadline. */
  private void settle(SubmitGate.Admitted admitted, JobRequest request, AnswerHolds.Hold hold,
      boolean written) {
    boolean hasDeadline = request.retry().submitDeadlineEpochMs() != null;
    if (!hasDeadline || (written && !gate.pastDeadline(request))) {
      hold.keep.complete(true);
      return;
    }
    metrics.submitsUnsent.mark();
    gate.forget(admitted);
    admission.waiting().remove(admitted.requestId());
    LOG.info("Dropped job {} of app {} unrun: its answer {} before its submit deadline, so its "
        + "client sends it to another scheduler", admitted.requestId(), request.app(),
        written ? "was written only after" : "could not be written");
    hold.keep.complete(false);
  }

  /** How long the job may run, for its idempotency key's retention (a day for jobs without a deadline). */
  private long keyRetentionMs(JobRequest request) {
    if (request.timeoutMs() != null && request.timeoutMs() > 0) {
      return Math.min(request.timeoutMs(), JobValidator.MAX_TIMEOUT_MS);
    }
    return defaultJobTimeoutMs > 0 ? defaultJobTimeoutMs : 24L * 3600 * 1000;
  }
}
