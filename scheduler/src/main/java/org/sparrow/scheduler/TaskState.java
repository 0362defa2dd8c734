package org.sparrow.scheduler;

/** How a task ended (wire: TTaskState). */
public enum TaskState {
  SUCCEEDED,
  /** Ran and failed, or could not be placed anywhere. */
  FAILED,
  /** Its node monitor left while it was launched there. */
  LOST,
  /** The job's deadline passed first. */
  TIMED_OUT,
  /** Its job was cancelled first (it may still be running on an application backend). */
  CANCELLED
}
