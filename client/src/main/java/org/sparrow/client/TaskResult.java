package org.sparrow.client;

import java.util.List;

/**
 * How one task ended.
 *
 * @param runMicros    time it ran on the node monitor
 * @param queuedMicros time between its reservation reaching the node monitor and its launch
 * @param output       bounded output, or the failure reason; may be empty
 * @param attempts     every run of the task, oldest first, the one that ended it last; a task
 *                     lost with its node monitor or backend and retried has more than one
 */
public record TaskResult(String taskId, State state, int exitCode, long runMicros,
    long queuedMicros, String nodeMonitorId, String output, List<Attempt> attempts) {

  /** Mirrors the wire's TTaskState. */
  public enum State { SUCCEEDED, FAILED, LOST, TIMED_OUT, CANCELLED }

  /**
   * One run of a task.
   *
   * @param attempt       1 for the first run
   * @param nodeMonitorId where it ran ("" if it never launched)
   * @param reason        why it ended so (empty for a success)
   */
  public record Attempt(int attempt, String nodeMonitorId, State state, String reason) {}

  public TaskResult {
    attempts = attempts == null || attempts.isEmpty()
        ? List.of(new Attempt(1, nodeMonitorId == null ? "" : nodeMonitorId, state, output == null ? "" : output))
        : List.copyOf(attempts);
  }

  /** A result of a task that ran once. */
  public TaskResult(String taskId, State state, int exitCode, long runMicros, long queuedMicros,
      String nodeMonitorId, String output) {
    this(taskId, state, exitCode, runMicros, queuedMicros, nodeMonitorId, output, null);
  }

  public boolean succeeded() {
    return state == State.SUCCEEDED;
  }

  /** Which run ended the task (1 = the first). */
  public int attempt() {
    return attempts.get(attempts.size() - 1).attempt();
  }
}
