package org.sparrow.sim;

import org.sparrow.common.Clock;

/**
 * Simulated time, advanced only by the {@link Simulation} that owns it. Hands the same
 * {@link Clock} interface to the real node-monitor and scheduler code that the daemons give
 * them, so their timing (queue wait, run time) comes out in simulated nanoseconds.
 */
public final class SimClock implements Clock {

  private long nowNanos;

  @Override
  public long nanoTime() {
    return nowNanos;
  }

  @Override
  public long currentTimeMillis() {
    return nowNanos / 1_000_000L;
  }

  void advanceTo(long nanos) {
    if (nanos < nowNanos) {
      throw new IllegalStateException("time cannot go back from " + nowNanos + " to " + nanos);
    }
    nowNanos = nanos;
  }
}
