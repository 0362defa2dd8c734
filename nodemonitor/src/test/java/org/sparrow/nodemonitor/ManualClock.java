package org.sparrow.nodemonitor;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.sparrow.common.Clock;

/** A clock that moves only when told to. */
public final class ManualClock implements Clock {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long currentTimeMillis() {
    return nanos.get() / 1_000_000;
  }

  public void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }
}
