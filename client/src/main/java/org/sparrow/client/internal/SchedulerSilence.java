package org.sparrow.client.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.sparrow.common.HostPort;

/**
 * When this client last heard from each scheduler (a heartbeat, a completion notice, or the
 * answer to a submit): the client's side of the schedulers' leases on its jobs. A scheduler
 * gives a leased job up once it has not reached this client for the lease (counted from when it
 * sent its last heartbeat that arrived, so never later than this client heard it); so once this
 * client has heard nothing from a scheduler for the lease plus a margin, the scheduler has given
 * the job up, and sending the job elsewhere cannot run it twice. Only a scheduler that ever sent
 * a heartbeat keeps leases (an older one ignores them): silence from any other proves nothing.
 * Thread-safe; the clock is injected.
 */
public final class SchedulerSilence {

  private record Heard(long lastNanos, boolean leases) {}

  private final LongSupplier nanoClock;
  private final Map<HostPort, Heard> heard = new ConcurrentHashMap<>();

  public SchedulerSilence(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Something came from the scheduler now. */
  public void heard(HostPort scheduler) {
    long now = nanoClock.getAsLong();
    heard.merge(scheduler, new Heard(now, false), (a, b) -> new Heard(Math.max(a.lastNanos, now), a.leases));
  }

  /** The scheduler's heartbeat arrived now: it keeps leases. */
  public void heartbeat(HostPort scheduler) {
    long now = nanoClock.getAsLong();
    heard.merge(scheduler, new Heard(now, true), (a, b) -> new Heard(Math.max(a.lastNanos, now), true));
  }

  /**
   * Whether the scheduler has given up the jobs it holds for this client by now: it keeps
   * leases, and nothing came from it for {@code leaseMs} plus {@code marginMs}.
   */
  public boolean leaseEnded(HostPort scheduler, long leaseMs, long marginMs) {
    Heard h = heard.get(scheduler);
    return h != null && h.leases
        && nanoClock.getAsLong() - h.lastNanos >= (leaseMs + marginMs) * 1_000_000L;
  }

  /** Ms since the scheduler was last heard from; -1 if never. */
  public long silentMs(HostPort scheduler) {
    Heard h = heard.get(scheduler);
    return h == null ? -1 : (nanoClock.getAsLong() - h.lastNanos) / 1_000_000L;
  }
}
