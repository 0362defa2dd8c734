package org.sparrow.nodemonitor.task;

import org.sparrow.common.TaskKind;

/**
 * One launched in-process task, from its launch to its end: the thread running it (what a stop
 * interrupts), whether it was stopped, whether it is paused, whether it ended. A stop, a pause and
 * the end arrive on different threads (the core's callers, the task's own slot thread), so the one
 * state machine of one task has one lock, this object's, and each transition sees the others in
 * one order:
 * <ul>
 *   <li>a stop interrupts the thread only while it runs this task, never the next task the
 *       pool's thread went on to;</li>
 *   <li>a stop before the task got a thread ends it there: it never starts;</li>
 *   <li>a pause is counted in {@link PausedThreads} once, and counted off once, by the resume or
 *       by the end, whichever comes first (a resume after the end changes nothing).</li>
 * </ul>
 * What a pause does to the body ({@link PauseControl}: a sleep's clock, a command's SIGSTOP) is
 * carried out by the caller outside this lock: a command's pause runs kill(1), and a stop of the
 * same task must not wait for it.
 */
final class TaskRun {

  final TaskKind kind;
  final PauseControl pause;
  private final PausedThreads pausedThreads;
  private Thread thread;  // guarded by this; set while the body runs
  private boolean stopped;  // guarded by this
  private boolean paused;  // guarded by this; what the launcher was told, counted in pausedThreads
  private boolean ended;  // guarded by this

  TaskRun(TaskKind kind, PauseControl pause, PausedThreads pausedThreads) {
    this.kind = kind;
    this.pause = pause;
    this.pausedThreads = pausedThreads;
  }

  /** Sleep and command tasks can be paused without losing work; the others cannot. */
  static boolean pausable(TaskKind kind) {
    return kind == TaskKind.SLEEP || kind == TaskKind.COMMAND;
  }

  /**
   * On its slot thread, before the body runs. False if it was stopped before: it has ended then,
   * and the body must not run.
   */
  synchronized boolean start() {
    if (ended) {
      throw new IllegalStateException(kind.wireName() + " task started after it ended");
    }
    if (stopped) {
      endLocked();
      return false;
    }
    thread = Thread.currentThread();
    return true;
  }

  /** Its job was cancelled: interrupts its thread if the body runs. False if it had ended. */
  synchronized boolean stop() {
    if (ended) {
      return false;
    }
    stopped = true;
    if (thread != null) {
      thread.interrupt();
    }
    return true;
  }

  /**
   * Records a pause ({@code true}) or a resume: true if that changed the state (the caller then
   * pauses or resumes the body), false if it ended, was already so, or cannot be paused.
   */
  synchronized boolean markPaused(boolean pause) {
    if (ended || paused == pause || !pausable(kind)) {
      return false;
    }
    paused = pause;
    pausedThreads.add(pause ? 1 : -1);
    return true;
  }

  /**
   * The body returned (or it never got a thread): no later stop reaches its thread, and a pause
   * still counted is counted off. Returns whether it had been stopped. Idempotent.
   */
  synchronized boolean end() {
    endLocked();
    return stopped;
  }

  private void endLocked() {
    if (ended) {
      return;
    }
    ended = true;
    thread = null;
    if (paused) {
      paused = false;
      pausedThreads.add(-1);
    }
  }
}
