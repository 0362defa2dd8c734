package org.sparrow.nodemonitor.testtasks;

import org.sparrow.nodemonitor.task.SparrowTask;
import org.sparrow.nodemonitor.task.TaskContext;

/** A task whose static initialiser throws: the task fails with that reason, the node monitor lives on. */
public class FailingInitialiserTask implements SparrowTask {

  static {
    if (Boolean.parseBoolean("true")) {
      throw new IllegalStateException("no configuration found");
    }
  }

  @Override
  public int run(TaskContext context) {
    return 0;
  }
}
