package org.sparrow.nodemonitor;

import java.util.concurrent.CompletionStage;

/**
 * Runs a task. Must not block: the returned stage completes when the task ends (a stage that
 * fails counts as the task being LOST).
 */
@FunctionalInterface
public interface TaskLauncher {

  CompletionStage<TaskOutcome> launch(TaskLaunch task);
}
