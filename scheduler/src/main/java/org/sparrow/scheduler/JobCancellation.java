package org.sparrow.scheduler;

import java.util.List;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.job.JobState;

/**
 * What {@link Job#cancel()} decided: the effects to carry out (results, reservation cancels,
 * the end of the job) and the running tasks to ask each node monitor to stop.
 *
 * @param effects     null when the job had already ended
 * @param unlaunched  tasks cancelled before they started
 * @param running     tasks cancelled while launched on a node monitor
 * @param state       the job's state afterwards
 */
record JobCancellation(Effects effects, List<Stop> stops, int unlaunched, int running, JobState state) {

  /** Tasks of the job launched on one node monitor. */
  record Stop(NodeMonitorInfo node, List<FullTaskId> tasks) {}

  static JobCancellation ended(JobState state) {
    return new JobCancellation(null, List.of(), 0, 0, state);
  }

  boolean alreadyEnded() {
    return effects == null;
  }
}
