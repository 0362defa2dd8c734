package org.sparrow.nodemonitor.launch;

import java.util.concurrent.CompletionStage;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/**
 * Runs a task. Must not block: the returned stage completes when the task ends (a stage that
 * fails counts as the task being LOST).
 */
@FunctionalInterface
public interface TaskLauncher {

  CompletionStage<TaskOutcome> launch(TaskLaunch task);

  /**
   * Its job was cancelled: stop the task if its kind allows (it then still ends through the stage
   * {@link #launch} returned). Must not block. Default: this launcher cannot stop tasks.
   */
  default StopOutcome stop(TaskId task) {
    return StopOutcome.NOT_RUNNING;
  }

  /**
   * Whether this task's kind can be suspended and resumed without losing work (a pure check,
   * called under the core's lock; must not block). Default: no task can.
   */
  default boolean canSuspend(TaskLaunch task) {
    return false;
  }

  /**
   * Pauses a running task that {@link #canSuspend} allowed, to give its slot to more urgent work;
   * it keeps its progress and continues after {@link #resume}. A task that ended meanwhile is
   * ignored. Must not block for long. The core calls {@code suspend} and {@link #resume} for one
   * task one at a time, alternating, and only after {@link #launch} was called for it.
   */
  default void suspend(TaskId task) {}

  /** Continues a task paused by {@link #suspend}; a task that ended meanwhile is ignored. */
  default void resume(TaskId task) {}
}
