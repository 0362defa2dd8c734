package org.sparrow.scheduler.job;

import org.sparrow.common.HostPort;

/** A task's identity everywhere: its id in the job, the job, the app, the placing scheduler. */
public record FullTaskId(String taskId, String requestId, String appId, HostPort schedulerAddress) {}
