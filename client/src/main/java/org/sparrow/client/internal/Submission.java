package org.sparrow.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.sparrow.client.JobResult;
import org.sparrow.client.TaskResult;
import org.sparrow.common.HostPort;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskSpec;

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
  /**
   * Results of tasks that reached this client from a scheduler the job was taken back from:
   * a resubmission leaves those tasks out. Guarded by this.
   */
  private final Map<String, TaskResult> carried = new HashMap<>();
  /** Status checks that found the job ended while results were still missing. */
  int endedSeen;
  /** The size of {@link #request}'s attempts (measured once: a large job is costly to encode). */
  private final SchedulerFit.JobSize size;

  Submission(TSchedulingRequest request, List<String> taskIds, CompletableFuture<JobResult> future,
      long startNanos, Duration timeout, SchedulerFit.JobSize size) {
    this.size = size;
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

  /**
   * Keeps results that came from the scheduler the job was just taken back from. Only when the
   * job's task ids are unique: a scheduler renames duplicates ("id#2"), so results would not
   * name the request's tasks one to one, and the whole job runs again as before.
   */
  synchronized void carry(Map<String, TaskResult> results) {
    if (new HashSet<>(taskIds).size() == taskIds.size()) {
      results.forEach(carried::putIfAbsent);
    }
  }

  /** The results kept from earlier schedulers (a copy). */
  synchronized Map<String, TaskResult> carried() {
    return new HashMap<>(carried);
  }

  /** What to send now: the request without the tasks whose results came already (null: none left). */
  synchronized TSchedulingRequest toSend() {
    if (carried.isEmpty()) {
      return request;
    }
    TSchedulingRequest left = request.deepCopy();
    List<TTaskSpec> tasks = new ArrayList<>();
    for (TTaskSpec t : request.getTasks()) {
      if (!carried.containsKey(t.getTaskId())) {
        tasks.add(t);
      }
    }
    return tasks.isEmpty() ? null : left.setTasks(tasks);
  }

  /** The size of attempts of {@code toSend} (the request, or what {@link #toSend} left of it). */
  SchedulerFit.JobSize sizeOf(TSchedulingRequest toSend) {
    return toSend == request ? size : SchedulerFit.JobSize.of(toSend);
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
