package org.sparrow.client.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.sparrow.client.JobResult;
import org.sparrow.common.HostPort;
import org.sparrow.thrift.TSchedulingRequest;

/**
 * One job on its way through the cluster: its request (carrying the idempotency key every
 * resubmission reuses), its future, and which scheduler holds it now.
 */
final class Submission {

  final TSchedulingRequest request;
  final List<String> taskIds;
  final CompletableFuture<JobResult> future;
  final long startNanos;
  final Duration timeout;
  /** Where it was accepted, as what; null until accepted. Guarded by this. */
  private String requestId;
  private HostPort scheduler;
  private int resubmits;
  /** Schedulers sent this job so far (the first that took it counts). */
  private int attempts;
  private boolean timeoutArmed;
  /** Status checks that found the job ended while results were still missing. */
  int endedSeen;

  Submission(TSchedulingRequest request, List<String> taskIds, CompletableFuture<JobResult> future,
      long startNanos, Duration timeout) {
    this.request = request;
    this.taskIds = taskIds;
    this.future = future;
    this.startNanos = startNanos;
    this.timeout = timeout;
  }

  String key() {
    return request.getIdempotencyKey();
  }

  synchronized String requestId() {
    return requestId;
  }

  synchronized HostPort scheduler() {
    return scheduler;
  }

  /** @return whether the job timeout still has to be armed (once per job, not per scheduler) */
  synchronized boolean accepted(String id, HostPort at) {
    requestId = id;
    scheduler = at;
    endedSeen = 0;
    boolean arm = !timeoutArmed;
    timeoutArmed = true;
    return arm;
  }

  /**
   * Takes the job back from {@code from} for a resubmission, if it is still there and has
   * resubmissions left. Returns the request id it had there, or null.
   */
  synchronized String takeBack(HostPort from, int maxResubmits) {
    if (scheduler == null || !scheduler.equals(from) || resubmits >= maxResubmits || future.isDone()) {
      return null;
    }
    resubmits++;
    String old = requestId;
    requestId = null;
    scheduler = null;
    return old;
  }

  /** One more scheduler is being asked to take the job. */
  synchronized void tried() {
    attempts++;
  }

  synchronized int attempts() {
    return attempts;
  }

  synchronized int resubmits() {
    return resubmits;
  }
}
