package org.sparrow.nodemonitor.reservation;

import org.sparrow.common.HostPort;

/**
 * A task's identity across the cluster (the wire's TFullTaskId).
 *
 * @param schedulerAddress the placing scheduler's SchedulerService address (where application
 *                         messages are relayed); may be null when a peer did not send it
 */
public record TaskId(String taskId, String requestId, String appId, HostPort schedulerAddress) {

  public TaskId {
    if (taskId == null) {
      throw new IllegalArgumentException("task id is missing");
    }
    if (requestId == null || requestId.isEmpty()) {
      throw new IllegalArgumentException("task " + taskId + " has no requestId");
    }
    appId = appId == null ? "" : appId;
  }
}
