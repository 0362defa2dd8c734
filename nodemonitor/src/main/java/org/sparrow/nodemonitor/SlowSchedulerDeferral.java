package org.sparrow.nodemonitor;

import java.util.ArrayList;
import java.util.List;
import org.sparrow.common.Clock;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.queue.SlotClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedulers that left a {@code getTasks} unanswered within its deadline are marked slow
 * ({@link SlowSchedulers}) until they answer; their claims are deferred: the slots go to the
 * reservations behind them. When a dispatch ends and nothing else wanted the slots, the first
 * deferred scheduler is asked once more (its answer, or its silence until the fetch deadline, is
 * how it gets its turn back); every other deferred claim goes back to the queue, unclaimed. A
 * probe of a slow scheduler holds one slot, not the whole claim. Used under the core's lock.
 */
final class SlowSchedulerDeferral {

  private static final Logger LOG = LoggerFactory.getLogger(SlowSchedulerDeferral.class);

  private final SlowSchedulers slow;
  private final QueueLedger ledger;
  private final Clock clock;

  SlowSchedulerDeferral(long backoffNanos, QueueLedger ledger, Clock clock) {
    this.slow = new SlowSchedulers(backoffNanos);
    this.ledger = ledger;
    this.clock = clock;
  }

  /** Its fetch was not answered in time: frozen or overloaded, not dead (its reservations stay). */
  void unanswered(HostPort scheduler) {
    if (slow.markSlow(scheduler, clock.nanoTime())) {
      LOG.info("Scheduler {} did not answer getTasks in time; serving other schedulers' "
          + "reservations first for a while", scheduler);
    }
  }

  /** @return whether it was marked slow until now (its deferred reservations may be served) */
  boolean answered(HostPort scheduler) {
    if (slow.markHealthy(scheduler)) {
      LOG.info("Scheduler {} answers getTasks again", scheduler);
      return true;
    }
    return false;
  }

  /** What a fetch's answer says about its scheduler. */
  void heard(HostPort scheduler, FetchAnswer.Verdict verdict) {
    switch (verdict) {
      case UNRESPONSIVE -> unanswered(scheduler);
      case ANSWERED -> answered(scheduler);
      case FAILED -> { }  // gone or broken, not slow: its request is dropped here instead
    }
  }

  /** The deferrals of one dispatch. */
  Round round() {
    return new Round();
  }

  final class Round {

    private List<SlotClaim> deferred = List.of();

    /** Whether a claim was deferred (a slot given up for it would only come back to it). */
    boolean any() {
      return !deferred.isEmpty();
    }

    /**
     * The claim to start now, or null if it is deferred (its slots are back in the pool: the next
     * reservation takes them). A slow scheduler's claim that may be probed now shrinks to one slot.
     */
    SlotClaim admit(SlotClaim claim) {
      boolean probe = !claim.reservation().isBound() && slow.isSlow(claim.reservation().schedulerAddress());
      if (!probe) {
        return claim;
      }
      if (!slow.takeProbe(claim.reservation().schedulerAddress(), clock.nanoTime(), false)) {
        if (deferred.isEmpty()) {
          deferred = new ArrayList<>();
        }
        deferred.add(claim);
        return null;
      }
      return oneSlotProbe(claim);
    }

    /**
     * The dispatch is over: the probe to start (or null), every other deferred claim queued again.
     *
     * @param queueEmpty whether the queue ran dry (nothing else wants the slots)
     * @param free       slots free now
     */
    SlotClaim finish(boolean queueEmpty, int free) {
      if (deferred.isEmpty()) {
        return null;
      }
      SlotClaim head = deferred.get(0);
      boolean probe = queueEmpty && head.slots() <= free
          && slow.takeProbe(head.reservation().schedulerAddress(), clock.nanoTime(), true);
      SlotClaim start = probe ? oneSlotProbe(head) : null;
      for (SlotClaim d : deferred.subList(probe ? 1 : 0, deferred.size())) {
        ledger.requeueUnclaimed(d);
      }
      return start;
    }
  }

  /**
   * A probe of a slow scheduler holds one slot for up to the fetch deadline, not the whole
   * claim: the other claimed slots go back to the pool and their part is re-queued.
   */
  private SlotClaim oneSlotProbe(SlotClaim claim) {
    if (claim.slots() == 1 || claim.reservation().isBound()) {
      return claim;
    }
    ledger.requeueUnclaimed(new SlotClaim(claim.entry(), claim.firstSlot() + 1, claim.slots() - 1));
    return new SlotClaim(claim.entry(), claim.firstSlot(), 1);
  }
}
