package org.sparrow.scheduler.job;

import org.sparrow.common.TaskState;

import java.util.List;

/**
 * How one task ended.
 *
 * @param nodeMonitorId   where it ran; empty if it never launched
 * @param output          bounded output or the failure reason; may be null
 * @param attempt         which run this result is of (1 = first); 0 in a report that does not say
 * @param earlierAttempts runs before this one that were lost (retried), oldest first
 */
public record TaskResult(FullTaskId id, TaskState state, int exitCode, long runMicros,
    String nodeMonitorId, String output, long queuedMicros, int attempt, List<TaskAttempt> earlierAttempts) {

  public TaskResult {
    nodeMonitorId = nodeMonitorId == null ? "" : nodeMonitorId;
    earlierAttempts = earlierAttempts == null ? List.of() : List.copyOf(earlierAttempts);
  }

  /** A report that does not say which attempt it is of. */
  public TaskResult(FullTaskId id, TaskState state, int exitCode, long runMicros, String nodeMonitorId,
      String output, long queuedMicros) {
    this(id, state, exitCode, runMicros, nodeMonitorId, output, queuedMicros, 0, List.of());
  }

  /** A failure decided by the scheduler itself (the task never reported). */
  public static TaskResult failure(FullTaskId id, TaskState state, String nodeMonitorId, String reason) {
    return new TaskResult(id, state, -1, 0, nodeMonitorId, reason, 0);
  }

  /** The same result as the run numbered {@code attempt}, after the given lost runs. */
  public TaskResult withAttempts(int attempt, List<TaskAttempt> earlier) {
    return new TaskResult(id, state, exitCode, runMicros, nodeMonitorId, output, queuedMicros, attempt, earlier);
  }
}
