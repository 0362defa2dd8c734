package org.sparrow.sim;

import java.util.PriorityQueue;

/**
 * A discrete-event loop: actions run in order of their simulated time, and actions due at the
 * same time run in the order they were scheduled, so a run is fully determined by its inputs
 * (and the seeds of the Randoms they use). Single-threaded and not thread-safe by design.
 */
public final class Simulation {

  private static final class Event implements Comparable<Event> {
    final long time;
    final long sequence;
    final Runnable action;

    Event(long time, long sequence, Runnable action) {
      this.time = time;
      this.sequence = sequence;
      this.action = action;
    }

    @Override
    public int compareTo(Event o) {
      int c = Long.compare(time, o.time);
      return c != 0 ? c : Long.compare(sequence, o.sequence);
    }
  }

  private final SimClock clock = new SimClock();
  private final PriorityQueue<Event> events = new PriorityQueue<>(1 << 16);
  private long sequence;
  private long processed;

  public SimClock clock() {
    return clock;
  }

  /** Simulated nanoseconds since the start. */
  public long now() {
    return clock.nanoTime();
  }

  /** Runs {@code action} at simulated time {@code timeNanos} (not before now). */
  public void at(long timeNanos, Runnable action) {
    if (timeNanos < now()) {
      throw new IllegalArgumentException("cannot schedule at " + timeNanos + " ns, before now (" + now() + " ns)");
    }
    events.add(new Event(timeNanos, sequence++, action));
  }

  /** Runs {@code action} {@code delayNanos} from now. */
  public void after(long delayNanos, Runnable action) {
    if (delayNanos < 0) {
      throw new IllegalArgumentException("negative delay " + delayNanos);
    }
    at(now() + delayNanos, action);
  }

  /** Runs events until none is left. */
  public void run() {
    runUntil(Long.MAX_VALUE);
  }

  /** Runs every event due at or before {@code timeNanos}; later ones stay queued. */
  public void runUntil(long timeNanos) {
    Event e;
    while ((e = events.peek()) != null && e.time <= timeNanos) {
      events.poll();
      clock.advanceTo(e.time);
      processed++;
      e.action.run();
    }
  }

  /** Events still waiting. */
  public int pending() {
    return events.size();
  }

  /** Events run so far. */
  public long processed() {
    return processed;
  }
}
