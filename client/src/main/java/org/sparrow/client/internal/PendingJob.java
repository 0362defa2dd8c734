package org.sparrow.client.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.sparrow.client.JobResult;
import org.sparrow.client.TaskResult;

/**
 * Results of one job as they arrive. Completion messages can arrive before the submit call has
 * returned the job's request id, so a pending job may collect results before it is attached
 * to its submitter.
 */
final class PendingJob {

  private final String requestId;
  /** When its first result came before the job was attached (see PendingJobs); else 0. */
  private final long arrival;
  private final Map<String, TaskResult> results = new HashMap<>();
  private List<String> taskIds;
  private String scheduler;
  private long startNanos;
  private int submitAttempts = 1;
  private CompletableFuture<JobResult> future;

  PendingJob(String requestId, long arrival) {
    this.requestId = requestId;
    this.arrival = arrival;
  }

  /**
   * @param carried results of this job's tasks that reached the client from a scheduler that
   *                held it before (it was resubmitted without them); kept as they came
   */
  synchronized void attach(List<String> taskIds, String scheduler, long startNanos,
      CompletableFuture<JobResult> future, int submitAttempts, Map<String, TaskResult> carried) {
    carried.forEach(results::putIfAbsent);
    this.submitAttempts = submitAttempts;
    this.taskIds = taskIds;
    this.scheduler = scheduler;
    this.startNanos = startNanos;
    this.future = future;
    completeIfDone(System.nanoTime());
  }

  synchronized void add(TaskResult result, long nowNanos) {
    results.putIfAbsent(result.taskId(), result);
    completeIfDone(nowNanos);
  }

  /** The results collected so far, by task id (a copy). */
  synchronized Map<String, TaskResult> results() {
    return new HashMap<>(results);
  }

  synchronized String scheduler() {
    return scheduler;
  }

  synchronized void fail(Throwable cause) {
    if (future != null) {
      future.completeExceptionally(cause);
    }
  }

  String requestId() {
    return requestId;
  }

  long arrival() {
    return arrival;
  }

  private void completeIfDone(long nowNanos) {
    if (future == null || future.isDone() || results.size() < taskIds.size()) {
      return;
    }
    List<TaskResult> ordered = new ArrayList<>(taskIds.size());
    for (String id : taskIds) {
      TaskResult r = results.get(id);
      if (r == null) {
        return;
      }
      ordered.add(r);
    }
    future.complete(new JobResult(requestId, scheduler, List.copyOf(ordered), nowNanos - startNanos,
        submitAttempts));
  }
}
