package org.sparrow.it;

import org.sparrow.nodemonitor.task.SparrowTask;
import org.sparrow.nodemonitor.task.TaskContext;

/** A user task kind: exits with the code given as its argument. */
public class ExitCodeTask implements SparrowTask {
  @Override
  public int run(TaskContext context) {
    return Integer.parseInt(context.argument().trim());
  }
}
