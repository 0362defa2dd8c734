package org.sparrow.nodemonitor.queue;

/** Why a slot handed out by a {@link ReservationQueue} is free again. */
public enum ReleaseReason {
  /** The task that ran in it ended (whatever its outcome). */
  TASK_ENDED,
  /** It was claimed for a task fetch that brought no task for it (or the fetch failed). */
  UNUSED,
  /** A task arrived for it but was not run (the node monitor is shutting down). */
  REFUSED
}
