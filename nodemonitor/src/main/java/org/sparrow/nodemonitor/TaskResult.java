package org.sparrow.nodemonitor;

import org.sparrow.common.TaskState;
import org.sparrow.nodemonitor.reservation.TaskId;

import java.util.Objects;

/**
 * A finished task, as reported to its scheduler.
 *
 * @param nodeMonitorId  the id the scheduler knows this node monitor by (from the reservation)
 * @param output         bounded output or the failure reason; never null
 * @param queuedMicros   from the reservation's arrival here to the task's launch
 * @param attempt        echoed from the launch (0 = unknown)
 * @param schedulerBootId the incarnation of the scheduler whose reservation ran it ("" =
 *                       unknown), so that scheduler's successor on the address can tell the
 *                       report is not about its work
 */
public record TaskResult(
    TaskId taskId,
    TaskState state,
    int exitCode,
    long runMicros,
    String nodeMonitorId,
    String output,
    long queuedMicros,
    int attempt,
    String schedulerBootId) {

  public TaskResult {
    Objects.requireNonNull(taskId, "taskId");
    Objects.requireNonNull(state, "state");
    nodeMonitorId = nodeMonitorId == null ? "" : nodeMonitorId;
    output = output == null ? "" : output;
    schedulerBootId = schedulerBootId == null ? "" : schedulerBootId;
  }

  /** A result whose scheduler incarnation is unknown. */
  public TaskResult(TaskId taskId, TaskState state, int exitCode, long runMicros,
      String nodeMonitorId, String output, long queuedMicros, int attempt) {
    this(taskId, state, exitCode, runMicros, nodeMonitorId, output, queuedMicros, attempt, "");
  }

  /** A result of a launch without attempt number. */
  public TaskResult(TaskId taskId, TaskState state, int exitCode, long runMicros,
      String nodeMonitorId, String output, long queuedMicros) {
    this(taskId, state, exitCode, runMicros, nodeMonitorId, output, queuedMicros, 0);
  }
}
