package org.sparrow.common;

/** Time source, injected so that logic can run on simulated time and tests can step it. */
public interface Clock {

  /** Monotonic nanoseconds, for durations. */
  long nanoTime();

  /** Wall-clock milliseconds, for timestamps shown to people. */
  long currentTimeMillis();

  static Clock system() {
    return SystemClock.INSTANCE;
  }

  enum SystemClock implements Clock {
    INSTANCE;

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }

    @Override
    public long currentTimeMillis() {
      return System.currentTimeMillis();
    }
  }
}
