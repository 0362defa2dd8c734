package org.sparrow.client.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.sparrow.client.JobResult;
import org.sparrow.client.TaskResult;

/** The jobs this client waits for, by request id. */
public final class PendingJobs {

  private final Map<String, PendingJob> jobs = new ConcurrentHashMap<>();

  /** Ties a submitted job to its future; the entry leaves when the future completes. */
  public void attach(String requestId, List<String> taskIds, String scheduler, long startNanos,
      CompletableFuture<JobResult> future) {
    PendingJob job = jobs.computeIfAbsent(requestId, PendingJob::new);
    future.whenComplete((r, e) -> jobs.remove(requestId));
    job.attach(taskIds, scheduler, startNanos, future);
  }

  public void onResult(String requestId, TaskResult result) {
    jobs.computeIfAbsent(requestId, PendingJob::new).add(result, System.nanoTime());
  }

  /** Fails every job placed by a scheduler that went away. */
  public void failScheduler(String scheduler, Throwable cause) {
    for (PendingJob job : jobs.values()) {
      if (scheduler.equals(job.scheduler())) {
        job.fail(cause);
      }
    }
  }

  public void failAll(Throwable cause) {
    jobs.values().forEach(j -> j.fail(cause));
  }

  public int size() {
    return jobs.size();
  }
}
