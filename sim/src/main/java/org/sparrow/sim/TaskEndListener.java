package org.sparrow.sim;

/** Hears every simulated task end: which job, when (simulated nanoseconds from the start). */
@FunctionalInterface
public interface TaskEndListener {

  TaskEndListener NONE = (job, time) -> { };

  void ended(int jobIndex, long timeNanos);
}
