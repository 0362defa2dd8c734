package org.sparrow.nodemonitor;

import java.util.concurrent.TimeUnit;
import org.sparrow.common.TaskState;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/**
 * The results this node reports for the tasks that end here, and their counts for the load
 * reply: a task that ran (its run time leaves out the time it was suspended) or one refused
 * without running (run time 0, always a failure). Not thread-safe: {@link NodeMonitorCore} uses
 * it under its lock.
 */
final class TaskTally {

  private long completed;
  private long failed;

  /** The launcher's outcome, or LOST when the launch failed or reported nothing. */
  static TaskOutcome outcomeOf(TaskOutcome outcome, Throwable error) {
    if (error != null) {
      return TaskOutcome.lost("task launch failed: " + error);
    }
    return outcome != null ? outcome : TaskOutcome.lost("task launcher reported no outcome");
  }

  TaskResult ended(RunningTask rt, TaskOutcome outcome, long now) {
    completed++;
    if (outcome.state() != TaskState.SUCCEEDED) {
      failed++;
    }
    return new TaskResult(rt.task.taskId(), outcome.state(), outcome.exitCode(), micros(rt.runNanos(now)),
        rt.reservation().nodeMonitorId(), outcome.output(), rt.queuedMicros, rt.task.attempt(),
        rt.reservation().schedulerBootId());
  }

  TaskResult refused(TaskLaunch task, Reservation r, long queuedMicros, TaskOutcome outcome) {
    completed++;
    failed++;
    return new TaskResult(task.taskId(), outcome.state(), outcome.exitCode(), 0, r.nodeMonitorId(),
        outcome.output(), queuedMicros, task.attempt(), r.schedulerBootId());
  }

  long completed() {
    return completed;
  }

  long failed() {
    return failed;
  }

  static long micros(long nanos) {
    return TimeUnit.NANOSECONDS.toMicros(Math.max(0, nanos));
  }
}
