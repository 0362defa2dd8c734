package org.sparrow.nodemonitor;

/** How a task ended on this node monitor. */
public enum TaskState {
  SUCCEEDED,
  /** Ran and failed (non-zero exit, exception, unknown kind, refused ...). */
  FAILED,
  /** Never reported back: its backend went away or the launch failed. */
  LOST
}
