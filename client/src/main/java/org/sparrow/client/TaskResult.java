package org.sparrow.client;

/**
 * How one task ended.
 *
 * @param runMicros    time it ran on the node monitor
 * @param queuedMicros time between its reservation reaching the node monitor and its launch
 * @param output       bounded output, or the failure reason; may be empty
 */
public record TaskResult(String taskId, State state, int exitCode, long runMicros,
    long queuedMicros, String nodeMonitorId, String output) {

  /** Mirrors the wire's TTaskState. */
  public enum State { SUCCEEDED, FAILED, LOST, TIMED_OUT, CANCELLED }

  public boolean succeeded() {
    return state == State.SUCCEEDED;
  }
}
