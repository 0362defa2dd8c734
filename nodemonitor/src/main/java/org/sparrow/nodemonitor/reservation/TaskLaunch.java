package org.sparrow.nodemonitor.reservation;

import org.sparrow.common.UserInfo;

import java.util.Objects;

/**
 * One task to run here.
 *
 * @param message the task's opaque payload (a built-in kind's UTF-8 argument); not copied,
 *                so callers must not modify it
 * @param kind    built-in kind wire name (noop, sleep, command, java), or null to hand the task
 *                to the application backend registered for its app
 * @param attempt which run of the task this is (1 = first; 0 = the scheduler did not say),
 *                echoed in its result
 */
public record TaskLaunch(TaskId taskId, UserInfo user, byte[] message, String kind, int attempt) {

  private static final byte[] EMPTY = new byte[0];

  public TaskLaunch {
    Objects.requireNonNull(taskId, "taskId");
    user = user == null ? UserInfo.ANONYMOUS : user;
    message = message == null ? EMPTY : message;
    attempt = Math.max(0, attempt);
  }

  /** A launch whose attempt the scheduler did not say. */
  public TaskLaunch(TaskId taskId, UserInfo user, byte[] message, String kind) {
    this(taskId, user, message, kind, 0);
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
