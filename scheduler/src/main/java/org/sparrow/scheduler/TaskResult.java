package org.sparrow.scheduler;

/**
 * How one task ended.
 *
 * @param nodeMonitorId where it ran; empty if it never launched
 * @param output        bounded output or the failure reason; may be null
 */
public record TaskResult(FullTaskId id, TaskState state, int exitCode, long runMicros,
    String nodeMonitorId, String output, long queuedMicros) {

  public TaskResult {
    nodeMonitorId = nodeMonitorId == null ? "" : nodeMonitorId;
  }

  /** A failure decided by the scheduler itself (the task never reported). */
  public static TaskResult failure(FullTaskId id, TaskState state, String nodeMonitorId, String reason) {
    return new TaskResult(id, state, -1, 0, nodeMonitorId, reason, 0);
  }
}
