package org.sparrow.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.sparrow.common.HostPort;

/**
 * In which order one send tries the schedulers: round-robin, but a scheduler that is
 * <em>slow</em> (it let a submit or a clock probe time out, and has not answered since) or has a
 * submit unanswered for {@code unansweredMs} goes after the others, and the one a job was just
 * taken back from goes last. Slow ones are still tried: one may be the only one that answers.
 * So a frozen scheduler costs one submit deadline, not one per job, and only the submits of
 * {@code unansweredMs} land on it before new jobs go elsewhere (a healthy one answers in
 * milliseconds). Holds no threads and makes no calls: the clock is passed in. Thread-safe.
 */
final class SchedulerOrder {

  private final AtomicInteger next = new AtomicInteger();
  private final Set<HostPort> slow = ConcurrentHashMap.newKeySet();
  /** Submits under way, by scheduler: when each was sent (nanoClock). */
  private final Map<HostPort, Map<Object, Long>> unanswered = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;
  private final long unansweredNanos;

  /**
   * @param nanoClock    monotonic, for how long submits are under way
   * @param unansweredMs a submit unanswered this long puts its scheduler after the others
   */
  SchedulerOrder(LongSupplier nanoClock, long unansweredMs) {
    this.nanoClock = nanoClock;
    this.unansweredNanos = TimeUnit.MILLISECONDS.toNanos(unansweredMs);
  }

  /** The scheduler let a call time out: it goes after the others until it {@link #answered}. */
  void slow(HostPort scheduler) {
    slow.add(scheduler);
  }

  /** The scheduler answered a call: it is not slow (any more). */
  void answered(HostPort scheduler) {
    slow.remove(scheduler);
  }

  /** Schedulers new jobs avoid now (a copy). */
  List<HostPort> slow() {
    return List.copyOf(slow);
  }

  /**
   * A submit to the scheduler is under way from now; pass what this returns to {@link
   * #submitEnded} once it ended, however it ended.
   */
  Object submitStarted(HostPort scheduler) {
    Object call = new Object();
    unanswered.computeIfAbsent(scheduler, k -> new ConcurrentHashMap<>()).put(call, nanoClock.getAsLong());
    return call;
  }

  void submitEnded(HostPort scheduler, Object call) {
    Map<Object, Long> under = unanswered.get(scheduler);
    if (under != null) {
      under.remove(call);
    }
  }

  /**
   * The schedulers of {@code all} in the order to try them, starting one further round-robin
   * than the last call; {@code avoid} (null: none) last, and only if it is among them.
   */
  List<HostPort> order(List<HostPort> all, HostPort avoid) {
    List<HostPort> out = new ArrayList<>(all.size());
    if (all.isEmpty()) {
      return out;
    }
    List<HostPort> later = new ArrayList<>();
    int first = Math.floorMod(next.getAndIncrement(), all.size());
    for (int i = 0; i < all.size(); i++) {
      HostPort h = all.get((first + i) % all.size());
      if (h.equals(avoid)) {
        continue;
      }
      (slow.contains(h) || unansweredTooLong(h) ? later : out).add(h);
    }
    out.addAll(later);  // a slow one may still be the only one that answers
    if (avoid != null && all.contains(avoid)) {
      out.add(avoid);  // the only one left may have come back
    }
    return out;
  }

  /** Whether a submit to the scheduler has been under way longer than a healthy one takes. */
  private boolean unansweredTooLong(HostPort scheduler) {
    Map<Object, Long> under = unanswered.get(scheduler);
    if (under == null || under.isEmpty()) {
      return false;
    }
    long now = nanoClock.getAsLong();
    for (long sent : under.values()) {
      if (now - sent >= unansweredNanos) {
        return true;
      }
    }
    return false;
  }
}
