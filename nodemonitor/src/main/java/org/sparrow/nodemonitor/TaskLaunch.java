package org.sparrow.nodemonitor;

import java.util.Objects;

/**
 * One task to run here.
 *
 * @param message the task's opaque payload (a built-in kind's UTF-8 argument); not copied,
 *                so callers must not modify it
 * @param kind    built-in kind wire name (noop, sleep, command, java), or null to hand the task
 *                to the application backend registered for its app
 */
public record TaskLaunch(TaskId taskId, UserInfo user, byte[] message, String kind) {

  private static final byte[] EMPTY = new byte[0];

  public TaskLaunch {
    Objects.requireNonNull(taskId, "taskId");
    user = user == null ? UserInfo.ANONYMOUS : user;
    message = message == null ? EMPTY : message;
  }

  public boolean isBuiltIn() {
    return kind != null;
  }

  @Override
  public String toString() {
    return "TaskLaunch[" + taskId.requestId() + "/" + taskId.taskId()
        + (kind == null ? " backend" : " " + kind) + ", " + message.length + " bytes]";
  }
}
