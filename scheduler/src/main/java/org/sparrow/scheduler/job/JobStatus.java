package org.sparrow.scheduler.job;

import java.util.List;

/** A snapshot of one job; results of finished tasks in the order they finished. */
public record JobStatus(String requestId, JobState state, int totalTasks, int launchedTasks,
    int finishedTasks, int failedTasks, String failureReason, List<TaskResult> results) {

  public JobStatus {
    results = List.copyOf(results);
  }
}
