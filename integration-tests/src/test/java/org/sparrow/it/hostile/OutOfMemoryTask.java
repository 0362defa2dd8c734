package org.sparrow.it.hostile;

import org.sparrow.nodemonitor.task.SparrowTask;
import org.sparrow.nodemonitor.task.TaskContext;

/** A {@code java} task that throws an {@link OutOfMemoryError} without allocating anything. */
public class OutOfMemoryTask implements SparrowTask {
  @Override
  public int run(TaskContext context) {
    throw new OutOfMemoryError("injected by OutOfMemoryTask");
  }
}
