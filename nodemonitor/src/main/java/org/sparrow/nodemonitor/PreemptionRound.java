package org.sparrow.nodemonitor;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.nodemonitor.launch.TaskLauncher;
import org.sparrow.nodemonitor.reservation.TaskId;

/**
 * The preemption decisions of one dispatch of {@link NodeMonitorCore}: which running task to
 * suspend for a more urgent reservation, and whether a suspended task takes a free slot back
 * before the queue is served. The choice among tasks is {@link SlotHolders}'; this class adds
 * the comparison with the queue and the actions. A task suspended and resumed within the same
 * dispatch costs no action at all (its suspend is taken back before it is carried out). The
 * actions apply the task's latest decision, not their own ({@link RunningTask#carryOutPause}),
 * so decisions carried out by two threads in the other order still leave the launcher agreeing
 * with the core. Lives for one dispatch, under the core's lock.
 */
final class PreemptionRound {

  private static final Logger LOG = LoggerFactory.getLogger(PreemptionRound.class);

  private final QueueLedger ledger;
  private final SlotHolders holders;
  private final TaskLauncher launcher;
  private final List<Runnable> todo;
  /** Suspended in this dispatch: their (not yet carried out) suspend action. */
  private final Map<RunningTask, Runnable> suspendedNow = new IdentityHashMap<>();

  PreemptionRound(QueueLedger ledger, SlotHolders holders, TaskLauncher launcher, List<Runnable> todo) {
    this.ledger = ledger;
    this.holders = holders;
    this.launcher = launcher;
    this.todo = todo;
  }

  /**
   * No slot is free: if the queue preempts and the reservation it serves next has a higher
   * priority (smaller number) than some running task that can be suspended, suspends the
   * youngest running task of the lowest such priority. Its slot is free for the next poll; the
   * queue keeps counting it as in use (it comes back once, when the task ends).
   *
   * @return whether a slot was freed
   */
  boolean preempt(long now) {
    Integer next = ledger.preemptingPriority();
    RunningTask victim = next == null ? null : holders.victimFor(next);
    if (victim == null) {
      return false;
    }
    holders.suspend(victim, now);
    TaskId id = victim.id();
    Runnable action = () -> victim.carryOutPause(launcher);
    suspendedNow.put(victim, action);
    todo.add(action);
    LOG.debug("Suspending {} (priority {}) for a priority-{} reservation", id, victim.priority(), next);
    return true;
  }

  /**
   * A slot is free: the suspended task of the highest priority (first suspended first) resumes
   * unless the queue would serve a higher priority next. Queues without priorities
   * ({@link org.sparrow.nodemonitor.queue.ReservationQueue#nextPriority} null) always let
   * suspended work resume first.
   *
   * @return whether the free slot went to a suspended task
   */
  boolean resume(long now) {
    RunningTask best = holders.firstToResume();
    Integer next = best == null ? null : ledger.nextPriority();
    if (best == null || (next != null && best.priority() > next)) {
      return false;
    }
    Runnable suspendAction = suspendedNow.remove(best);
    holders.resume(best, now, suspendAction == null);
    if (suspendAction != null) {
      todo.remove(suspendAction);  // suspended and resumed in one decision: nothing to do
    } else {
      LOG.debug("Resuming {} (priority {})", best.id(), best.priority());
      todo.add(() -> best.carryOutPause(launcher));
    }
    return true;
  }
}
