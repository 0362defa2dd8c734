package org.sparrow.nodemonitor;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.sparrow.common.UserLoad;
import org.sparrow.nodemonitor.queue.QueuedReservation;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/**
 * The tasks launched on this node and not yet ended, running or suspended, with the per-user
 * count of those running, and the preemption choices among them: which running task to suspend
 * for a more urgent reservation, which suspended task resumes first. No threads, no lock of its
 * own: {@link NodeMonitorCore} calls it under its lock and carries out what it decides.
 */
final class SlotHolders {

  /** Running tasks (holding a slot), in launch order. */
  private final Set<RunningTask> running = new LinkedHashSet<>();
  /** Suspended tasks (holding no slot), in suspension order. */
  private final Set<RunningTask> suspended = new LinkedHashSet<>();
  private final Map<String, Integer> runningByUser = new HashMap<>();
  private long launches;
  private long preemptions;

  /** A task starts in a slot. */
  RunningTask start(TaskLaunch task, QueuedReservation entry, long queuedMicros, long now,
      boolean suspendable) {
    RunningTask rt = new RunningTask(task, entry, queuedMicros, now, launches++, suspendable);
    running.add(rt);
    countUser(rt, 1);
    return rt;
  }

  /** It ended, running or suspended (a suspended task can be stopped or killed). */
  void end(RunningTask rt, long now) {
    if (suspended.remove(rt)) {
      rt.suspendedNanos += now - rt.suspendedSince;
    } else if (running.remove(rt)) {
      countUser(rt, -1);
    }
  }

  /**
   * The running task to suspend for a reservation of {@code priority}: of the suspendable ones
   * with a lower priority (larger number), the lowest priority, and of those the youngest; null
   * if none.
   */
  RunningTask victimFor(int priority) {
    RunningTask victim = null;
    for (RunningTask t : running) {
      if (t.suspendable && t.priority() > priority && (victim == null
          || t.priority() > victim.priority()
          || (t.priority() == victim.priority() && t.launchSequence > victim.launchSequence))) {
        victim = t;
      }
    }
    return victim;
  }

  void suspend(RunningTask rt, long now) {
    if (!running.remove(rt)) {
      throw new IllegalStateException(rt.id() + " is not running");
    }
    suspended.add(rt);
    countUser(rt, -1);
    rt.decideSuspended(true);
    rt.suspendedSince = now;
    preemptions++;
  }

  /** The suspended task to resume first: the highest priority, then the first suspended. */
  RunningTask firstToResume() {
    RunningTask best = null;
    for (RunningTask t : suspended) {
      if (best == null || t.priority() < best.priority()) {
        best = t;
      }
    }
    return best;
  }

  /**
   * {@code rt} runs again; {@code countAsPreemption} false when it is resumed in the same
   * decision that suspended it (nothing was carried out).
   */
  void resume(RunningTask rt, long now, boolean countAsPreemption) {
    if (!suspended.remove(rt)) {
      throw new IllegalStateException(rt.id() + " is not suspended");
    }
    running.add(rt);
    countUser(rt, 1);
    rt.decideSuspended(false);
    rt.suspendedNanos += now - rt.suspendedSince;
    if (!countAsPreemption) {
      preemptions--;
    }
  }

  int running() {
    return running.size();
  }

  int suspended() {
    return suspended.size();
  }

  long preemptions() {
    return preemptions;
  }

  /** Running (not suspended) tasks per user name; users with none are absent. */
  Map<String, Integer> runningByUser() {
    return runningByUser;
  }

  /** Queued slots (given) and running tasks per user name; users with neither are absent. */
  Map<String, UserLoad> userLoads(Map<String, Integer> queuedByUser) {
    Map<String, UserLoad> out = new HashMap<>();
    queuedByUser.forEach((u, n) -> out.put(u, new UserLoad(n, 0)));
    runningByUser.forEach((u, n) -> out.merge(u, new UserLoad(0, n), (a, b) -> new UserLoad(a.queued(), b.running())));
    return out;
  }

  private void countUser(RunningTask rt, int delta) {
    runningByUser.merge(rt.entry.userName(), delta, (a, b) -> a + b == 0 ? null : a + b);
  }
}
