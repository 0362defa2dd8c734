package org.sparrow.client;

import java.util.List;

/**
 * A finished job: every task's result, in task order of the submitted job.
 *
 * @param responseNanos submit call to last result, measured by this client
 */
public record JobResult(String requestId, String scheduler, List<TaskResult> tasks,
    long responseNanos) {

  public boolean succeeded() {
    return tasks.stream().allMatch(TaskResult::succeeded);
  }

  /** The job was cancelled (SparrowClient.cancel, or sparrow kill) before all its tasks ended. */
  public boolean cancelled() {
    return tasks.stream().anyMatch(t -> t.state() == TaskResult.State.CANCELLED);
  }

  /** The longest task run time: the part of the response time the scheduler cannot remove. */
  public long longestTaskMicros() {
    return tasks.stream().mapToLong(TaskResult::runMicros).max().orElse(0);
  }

  /** Scheduling overhead: response time minus the longest task, in microseconds. */
  public long overheadMicros() {
    return Math.max(0, responseNanos / 1000 - longestTaskMicros());
  }
}
