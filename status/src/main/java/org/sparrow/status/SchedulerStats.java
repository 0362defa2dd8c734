package org.sparrow.status;

import java.util.Map;

/**
 * A scheduler's own figures as {@code getSchedulerStats} reports them: counts since it started,
 * and the response-time percentiles (milliseconds) of the jobs that ended in its recent window.
 */
public record SchedulerStats(
    long jobsSubmitted,
    long jobsSucceeded,
    long jobsFailed,
    int activeJobs,
    long tasksLaunched,
    int nodeMonitorsKnown,
    long recentJobs,
    double responseP50Ms,
    double responseP95Ms,
    double responseP99Ms,
    Map<String, Long> jobsByPolicy) {

  public SchedulerStats {
    jobsByPolicy = jobsByPolicy == null ? Map.of() : Map.copyOf(jobsByPolicy);
  }
}
