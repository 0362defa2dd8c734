package org.sparrow.nodemonitor.testtasks;

import org.sparrow.nodemonitor.task.SparrowTask;
import org.sparrow.nodemonitor.task.TaskContext;

/** Exits with the code given as argument (0 if none); checks the context it was given. */
public class ExitCodeTask implements SparrowTask {

  @Override
  public int run(TaskContext context) {
    if (context.taskId().isEmpty() || context.requestId().isEmpty() || context.appId().isEmpty()) {
      throw new IllegalStateException("incomplete context " + context);
    }
    return context.argument().isEmpty() ? 0 : Integer.parseInt(context.argument());
  }
}
