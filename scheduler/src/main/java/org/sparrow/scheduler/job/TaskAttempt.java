package org.sparrow.scheduler.job;

import org.sparrow.common.TaskState;

/**
 * One run of a task that did not end it: lost with its node monitor or backend, then retried.
 *
 * @param attempt       1 for the first run
 * @param nodeMonitorId where it ran
 */
public record TaskAttempt(int attempt, String nodeMonitorId, TaskState state, String reason) {

  public TaskAttempt {
    nodeMonitorId = nodeMonitorId == null ? "" : nodeMonitorId;
  }

  /** Every run's outcome, for the failure reason of a task whose every run was lost. */
  public static String describeAll(java.util.List<TaskAttempt> earlier, TaskAttempt last) {
    StringBuilder b = new StringBuilder();
    for (TaskAttempt a : earlier) {
      b.append(a.describe()).append("; ");
    }
    return b.append(last.describe()).toString();
  }

  public String describe() {
    return "attempt " + attempt + (nodeMonitorId.isEmpty() ? "" : " on " + nodeMonitorId) + ": " + state
        + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
  }
}
