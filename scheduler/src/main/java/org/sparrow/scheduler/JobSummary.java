package org.sparrow.scheduler;

import org.sparrow.scheduler.job.JobState;

/**
 * One active job, as a listing shows it (wire: TJobSummary).
 *
 * @param launchedTasks tasks ever handed to a node monitor
 * @param ageMillis     since the scheduler accepted it
 * @param description   as submitted; may be null
 */
public record JobSummary(String requestId, String app, JobState state, int totalTasks, int launchedTasks,
    int finishedTasks, int failedTasks, long ageMillis, String description) {}
