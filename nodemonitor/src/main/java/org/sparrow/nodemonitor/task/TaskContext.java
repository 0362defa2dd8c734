package org.sparrow.nodemonitor.task;

/** What a {@link SparrowTask} knows about the task it runs. */
public interface TaskContext {

  String taskId();

  String requestId();

  String appId();

  /** The user the task runs for (as the frontend said; not an OS identity). */
  String user();

  /** The text after the class name in the task message, trimmed; empty if none. */
  String argument();
}
