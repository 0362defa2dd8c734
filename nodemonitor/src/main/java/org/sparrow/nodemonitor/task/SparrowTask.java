package org.sparrow.nodemonitor.task;

/**
 * A task of the built-in {@code java} kind: the task message "fully.qualified.ClassName[ argument]"
 * names an implementation on the node monitor's classpath. It needs a public no-argument
 * constructor; a new instance runs each task, on one of the node monitor's slot threads.
 */
public interface SparrowTask {

  /**
   * Runs the task. Should stop promptly when its thread is interrupted (node monitor shutdown).
   *
   * @return the exit code: 0 = succeeded, anything else = failed
   * @throws Exception the task failed; the exception's message is reported
   */
  int run(TaskContext context) throws Exception;
}
