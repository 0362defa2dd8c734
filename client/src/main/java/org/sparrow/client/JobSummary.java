package org.sparrow.client;

import java.time.Duration;

/**
 * A job a scheduler is running now.
 *
 * @param scheduler     "host:port" of that scheduler
 * @param launchedTasks tasks ever handed to a node monitor
 * @param age           since the scheduler accepted it
 * @param description   as submitted; empty if none
 */
public record JobSummary(String requestId, String scheduler, String app, JobStatus.State state, int totalTasks,
    int launchedTasks, int finishedTasks, int failedTasks, Duration age, String description) {

  public JobSummary {
    description = description == null ? "" : description;
  }
}
