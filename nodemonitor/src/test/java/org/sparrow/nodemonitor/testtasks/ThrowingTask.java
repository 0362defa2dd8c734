package org.sparrow.nodemonitor.testtasks;

import org.sparrow.nodemonitor.task.SparrowTask;
import org.sparrow.nodemonitor.task.TaskContext;

public class ThrowingTask implements SparrowTask {

  @Override
  public int run(TaskContext context) throws Exception {
    throw new java.io.IOException("disk on fire: " + context.argument());
  }
}
