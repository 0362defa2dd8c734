package org.sparrow.nodemonitor;

import java.util.concurrent.CompletionStage;

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
}
