package org.sparrow.common;

/**
 * How a task ended (wire: TTaskState). One vocabulary for the scheduler, the node monitor, the
 * simulator and the tools; a node monitor itself only ever ends a task SUCCEEDED, FAILED or LOST
 * (or CANCELLED when asked to kill it), the scheduler adds TIMED_OUT.
 */
public enum TaskState {
  SUCCEEDED,
  /** Ran and failed, or could not be placed anywhere. */
  FAILED,
  /** Its node monitor or backend went away (or it was interrupted) while it was launched there. */
  LOST,
  /** The job's deadline passed first. */
  TIMED_OUT,
  /** Its job was cancelled first (it may still be running on an application backend). */
  CANCELLED
}
