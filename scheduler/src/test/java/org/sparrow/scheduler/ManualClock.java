package org.sparrow.scheduler;

import java.util.concurrent.atomic.AtomicLong;
import org.sparrow.common.Clock;

/** A clock that moves only when told. */
public final class ManualClock implements Clock {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  public void advanceMs(long ms) {
    nanos.addAndGet(ms * 1_000_000L);
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long currentTimeMillis() {
    return nanos.get() / 1_000_000L;
  }
}
