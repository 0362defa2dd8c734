package org.sparrow.client;

import java.util.List;

/**
 * A job's state as its scheduler knows it (also a while after it ended).
 *
 * @param scheduler     "host:port" of the scheduler that answered
 * @param launchedTasks tasks ever handed to a node monitor
 * @param failureReason why it failed or was cancelled; empty otherwise
 * @param results       results of the tasks that ended, in the order they ended
 */
public record JobStatus(String requestId, String scheduler, State state, int totalTasks, int launchedTasks,
    int finishedTasks, int failedTasks, String failureReason, List<TaskResult> results) {

  /** Mirrors the wire's TJobState. */
  public enum State { RUNNING, SUCCEEDED, FAILED, CANCELLED }

  public JobStatus {
    results = List.copyOf(results);
    failureReason = failureReason == null ? "" : failureReason;
  }

  public boolean ended() {
    return state != State.RUNNING;
  }
}
