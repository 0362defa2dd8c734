package org.sparrow.nodemonitor.task;

import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.sparrow.nodemonitor.TaskLaunch;
import org.sparrow.nodemonitor.TaskLauncher;
import org.sparrow.nodemonitor.TaskOutcome;

/** Built-in kinds run in-process; tasks without a kind go to the app's backend. */
public final class TaskRouter implements TaskLauncher {

  private final TaskLauncher builtIn;
  private final TaskLauncher backend;

  public TaskRouter(TaskLauncher builtIn, TaskLauncher backend) {
    this.builtIn = Objects.requireNonNull(builtIn, "builtIn");
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  @Override
  public CompletionStage<TaskOutcome> launch(TaskLaunch task) {
    return task.isBuiltIn() ? builtIn.launch(task) : backend.launch(task);
  }
}
