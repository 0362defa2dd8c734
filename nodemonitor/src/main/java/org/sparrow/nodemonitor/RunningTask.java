package org.sparrow.nodemonitor;

import org.sparrow.nodemonitor.launch.TaskLauncher;
import org.sparrow.nodemonitor.queue.QueuedReservation;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

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
  /** The core's latest decision: suspended or not (written under the core's lock). */
  private volatile boolean suspendDecided;
  /** What the launcher was told last; guarded by {@code this}. */
  private boolean suspendCarriedOut;
  /** Whether it was handed to the launcher; guarded by {@code this}. */
  private boolean launched;

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

  void decideSuspended(boolean suspended) {
    suspendDecided = suspended;
  }

  /**
   * Tells the launcher the core's latest suspend-or-resume decision unless it was told already.
   * The core carries out decisions outside its lock, each on the thread that made it: a resume
   * decided on one thread (a task ended there) can reach the launcher before the suspend decided
   * just before it on another (an urgent reservation arrived), is ignored (the task is not paused
   * yet), and the suspend then pauses the task for good while the core counts it running. So no
   * action says "suspend" or "resume": each applies the latest decision, one at a time per task,
   * and the last one to run applies the last decision. Before the launch nothing is told (the
   * launcher does not know the task yet): {@link #launched} applies what was decided meanwhile.
   */
  void carryOutPause(TaskLauncher launcher) {
    synchronized (this) {
      boolean decided = suspendDecided;
      if (!launched || decided == suspendCarriedOut) {
        return;
      }
      suspendCarriedOut = decided;
      if (decided) {
        launcher.suspend(id());
      } else {
        launcher.resume(id());
      }
    }
  }

  /** It was handed to the launcher: a suspend decided before that is carried out now. */
  void launched(TaskLauncher launcher) {
    synchronized (this) {
      launched = true;
    }
    carryOutPause(launcher);
  }

  /** Run time up to {@code now}, without the time suspended. */
  long runNanos(long now) {
    return now - launchNanos - suspendedNanos;
  }
}
