package org.sparrow.nodemonitor.launch;

/** What a launcher did when asked to stop a task of a cancelled job (wire: TStopOutcome). */
public enum StopOutcome {
  /** A command: its process tree was killed. */
  KILLED,
  /** An in-process task (sleep, java, noop): its thread was interrupted. */
  INTERRUPTED,
  /** Handed to an application backend, which the node monitor cannot stop. */
  NOT_STOPPABLE,
  /** Not running here: it ended already, or has not started (and then never will). */
  NOT_RUNNING
}
