package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.List;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.TaskAttempt;
import org.sparrow.scheduler.job.TaskResult;
import org.sparrow.scheduler.placement.Demand;

/**
 * What a change to a job's state requires of the outside world. {@link Job} decides under its
 * lock and returns this value; {@link EffectRunner} carries it out after the lock is released,
 * so no RPC, notification or placement ever runs while a job is locked.
 *
 * @param launchDelays submit-to-launch delay of each task launched, nanoseconds
 * @param retried      runs that were lost and will be retried (for metrics and logs)
 * @param ended        set when the job just ended; null otherwise
 * @param batch        the answer of a getTasks
 */
record Effects(List<Send> sends, List<Cancel> cancels, List<TaskResult> finished,
    List<Demand> replace, List<Long> launchDelays, List<TaskAttempt> retried, JobState ended, TaskBatch batch) {

  static final Effects NONE = new Builder().build();

  /** One job's reservations for one node monitor, ready for the dispatcher. */
  record Send(NodeMonitorInfo node, Reservation reservation) {}

  /** Proactive cancellation of one reservation id on one node monitor. */
  record Cancel(NodeMonitorInfo node, String reservationId) {}

  Effects {
    sends = List.copyOf(sends);
    cancels = List.copyOf(cancels);
    finished = List.copyOf(finished);
    replace = List.copyOf(replace);
    launchDelays = List.copyOf(launchDelays);
    retried = List.copyOf(retried);
  }

  /** Collects effects while a job decides; used under the job's lock only. */
  static final class Builder {
    final List<Send> sends = new ArrayList<>(0);
    final List<Cancel> cancels = new ArrayList<>(0);
    final List<TaskResult> finished = new ArrayList<>(0);
    final List<Demand> replace = new ArrayList<>(0);
    final List<Long> launchDelays = new ArrayList<>(0);
    final List<TaskAttempt> retried = new ArrayList<>(0);
    JobState ended;
    TaskBatch batch = TaskBatch.EXHAUSTED;

    Effects build() {
      return new Effects(sends, cancels, finished, replace, launchDelays, retried, ended, batch);
    }
  }
}
