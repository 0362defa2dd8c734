package org.sparrow.scheduler;

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

  String describe() {
    return "attempt " + attempt + (nodeMonitorId.isEmpty() ? "" : " on " + nodeMonitorId) + ": " + state
        + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")");
  }
}
