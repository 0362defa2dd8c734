package org.sparrow.client;

import java.util.List;

/**
 * A finished job: every task's result, in task order of the submitted job.
 *
 * @param responseNanos  submit call to last result, measured by this client
 * @param submitAttempts schedulers the job was sent to until one kept it: 1 = the first took
 *                       it; more = a scheduler did not answer in time (or refused it for now,
 *                       or was lost with it) and the job went to another one
 */
public record JobResult(String requestId, String scheduler, List<TaskResult> tasks,
    long responseNanos, int submitAttempts) {

  public JobResult(String requestId, String scheduler, List<TaskResult> tasks, long responseNanos) {
    this(requestId, scheduler, tasks, responseNanos, 1);
  }

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
