package org.sparrow.nodemonitor;

import org.sparrow.nodemonitor.queue.QueuedReservation;

/**
 * A task launched here and not yet ended: running, or suspended by preemption. Identity matters
 * (two equal launches are still two runs). Mutable fields are guarded by the core's lock.
 */
final class RunningTask {

  final TaskLaunch task;
  final QueuedReservation entry;
  final long queuedMicros;
  final long launchNanos;
  /** Launch order on this node (the youngest has the largest). */
  final long launchSequence;
  /** Whether the launcher can suspend it ({@link TaskLauncher#canSuspend}). */
  final boolean suspendable;
  long suspendedSince;
  /** Time spent suspended so far (left out of its run time). */
  long suspendedNanos;

  RunningTask(TaskLaunch task, QueuedReservation entry, long queuedMicros, long launchNanos,
      long launchSequence, boolean suspendable) {
    this.task = task;
    this.entry = entry;
    this.queuedMicros = queuedMicros;
    this.launchNanos = launchNanos;
    this.launchSequence = launchSequence;
    this.suspendable = suspendable;
  }

  Reservation reservation() {
    return entry.reservation();
  }

  int priority() {
    return entry.priority();
  }

  TaskId id() {
    return task.taskId();
  }

  /** Run time up to {@code now}, without the time suspended. */
  long runNanos(long now) {
    return now - launchNanos - suspendedNanos;
  }
}
