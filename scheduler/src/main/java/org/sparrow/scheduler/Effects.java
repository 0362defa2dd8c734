package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.List;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.placement.Demand;

/**
 * What a change to a job's state requires of the outside world. {@link Job} decides under its
 * lock; {@link Scheduler} carries it out after releasing the lock, so no RPC, notification or
 * placement ever runs while a job is locked.
 */
final class Effects {

  /** One job's reservations for one node monitor, ready for the dispatcher. */
  record Send(NodeMonitorInfo node, Reservation reservation) {}

  final List<Send> sends = new ArrayList<>();
  final List<NodeMonitorInfo> cancels = new ArrayList<>();
  final List<TaskResult> finished = new ArrayList<>();
  final List<Demand> replace = new ArrayList<>();
  /** Submit-to-launch delay of each task launched, nanoseconds. */
  final List<Long> launchDelays = new ArrayList<>();
  /** Set when the job just ended. */
  JobState ended;
  /** The answer of a getTasks. */
  TaskBatch batch = TaskBatch.EXHAUSTED;
}
