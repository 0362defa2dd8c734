package org.sparrow.scheduler;

/** What a node monitor did about a task of a cancelled job (wire: TStopOutcome). */
public enum StopOutcome {
  /** A command task: its process tree was killed. */
  KILLED,
  /** An in-process task (sleep, java, noop): its thread was interrupted. */
  INTERRUPTED,
  /** A task handed to an application backend, which Sparrow cannot stop. */
  NOT_STOPPABLE,
  /** Not running there: it had ended, or had not started (and now never will). */
  NOT_RUNNING
}
