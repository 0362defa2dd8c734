package org.sparrow.nodemonitor.testtasks;

import org.sparrow.nodemonitor.task.SparrowTask;
import org.sparrow.nodemonitor.task.TaskContext;

/** Throws an {@link Error} that is not a VirtualMachineError: "oom" makes it one (injected, no real OOM). */
public class ErrorTask implements SparrowTask {

  @Override
  public int run(TaskContext context) {
    if (context.argument().equals("oom")) {
      throw new OutOfMemoryError("injected by ErrorTask");
    }
    throw new AssertionError("broken invariant: " + context.argument());
  }
}
