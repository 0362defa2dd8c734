package org.sparrow.am;

import org.sparrow.common.Clock;

/** A clock tests step by hand. */
final class ManualClock implements Clock {

  private long millis = 1_700_000_000_000L;

  @Override
  public long nanoTime() {
    return millis * 1_000_000;
  }

  @Override
  public long currentTimeMillis() {
    return millis;
  }

  void advanceMillis(long ms) {
    millis += ms;
  }
}
