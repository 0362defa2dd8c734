package org.sparrow.client.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.sparrow.common.HostPort;

/**
 * How far each scheduler's wall clock is from this client's, so a submit deadline is written in
 * the clock of the scheduler that checks it: client and scheduler clocks need not agree. Each
 * probe (SchedulerService.currentTimeMs) is one sample; the estimate is the sample with the
 * smallest round trip among recent ones (its error is at most half that round trip), and an
 * estimate older than {@code maxAgeMs} gives way to any new sample (clocks drift, get stepped).
 * Pure: times are passed in, never read. Thread-safe.
 */
public final class SchedulerClocks {

  /**
   * scheduler clock = client clock + offsetMs, give or take errorMs; own = the scheduler has no
   * clock probe (an older one): offset 0, its deadline check then trusts the clocks to agree.
   */
  public record Estimate(long offsetMs, long errorMs, long measuredAtMs, boolean own) {}

  private final long maxAgeMs;
  private final Map<HostPort, Estimate> estimates = new ConcurrentHashMap<>();

  public SchedulerClocks(long maxAgeMs) {
    this.maxAgeMs = maxAgeMs;
  }

  /** A probe sent at {@code sentMs} (client clock) was answered with {@code schedulerMs}, seen at {@code receivedMs}. */
  public Estimate sample(HostPort scheduler, long sentMs, long schedulerMs, long receivedMs) {
    long rtt = Math.max(0, receivedMs - sentMs);
    // The scheduler read its clock somewhere within the round trip: its middle is the best guess.
    Estimate fresh = new Estimate(schedulerMs - (sentMs + rtt / 2), rtt / 2 + 1, receivedMs, false);
    return estimates.merge(scheduler, fresh, (old, neu) ->
        old.own() || neu.errorMs() <= old.errorMs() || neu.measuredAtMs() - old.measuredAtMs() > maxAgeMs
            ? neu : old);
  }

  /** The scheduler does not know the probe: deadlines go out in this client's clock. */
  public void noProbe(HostPort scheduler, long nowMs) {
    estimates.put(scheduler, new Estimate(0, 0, nowMs, true));
  }

  /** Null when the scheduler was never probed, or its estimate is due for a new sample. */
  public Estimate current(HostPort scheduler, long nowMs) {
    Estimate e = estimates.get(scheduler);
    return e == null || nowMs - e.measuredAtMs() > maxAgeMs ? null : e;
  }

  /** Any estimate, even an old one (null if never probed). */
  public Estimate last(HostPort scheduler) {
    return estimates.get(scheduler);
  }

  /** The deadline {@code budgetMs} from now, in the scheduler's clock. */
  public long deadline(HostPort scheduler, long nowMs, long budgetMs) {
    Estimate e = estimates.get(scheduler);
    return nowMs + (e == null ? 0 : e.offsetMs()) + budgetMs;
  }

  /** How much later than the client believes the scheduler's deadline may pass. */
  public long errorMs(HostPort scheduler) {
    Estimate e = estimates.get(scheduler);
    return e == null ? 0 : e.errorMs();
  }
}
