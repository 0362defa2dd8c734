package org.sparrow.am;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The application's container failures, counted across AM attempts: once they exceed the limit
 * the application fails, with the most recent ones as its diagnostics. Every change is planned
 * as an {@link Action.RecordFailures} so the next attempt continues the count (a restarted AM
 * must not get a fresh budget, or a crash-looping daemon would never fail the application).
 * Not thread-safe: the {@link Provisioner}'s events are serialized.
 */
final class FailureBudget {

  static final int RECENT_KEPT = 5;

  private final int max;
  private final Deque<String> recent = new ArrayDeque<>();
  private int count;

  /** @param max container failures tolerated before the application fails */
  FailureBudget(int max) {
    if (max < 0) {
      throw new IllegalArgumentException("maximum container failures must be >= 0, got " + max);
    }
    this.max = max;
  }

  /** Continues the accounting of a previous attempt: its count and (the last kept of) its failures. */
  void restore(int count, List<String> recentFailures) {
    this.count = Math.max(0, count);
    recent.clear();
    recentFailures.stream().skip(Math.max(0, recentFailures.size() - RECENT_KEPT)).forEach(recent::addLast);
  }

  /**
   * Counts one failure, described by {@code line}, and plans its recording.
   *
   * @return whether the failures exceed the limit now
   */
  boolean record(String line, List<Action> plan) {
    count++;
    recent.addLast(line);
    while (recent.size() > RECENT_KEPT) {
      recent.removeFirst();
    }
    plan.add(new Action.RecordFailures(count, List.copyOf(recent)));
    return count > max;
  }

  /** Why the application failed, once {@link #record} said the limit is exceeded. */
  String exceeded() {
    return count + " container failures (more than the limit of " + max + "); the most recent: "
        + String.join("; ", recent);
  }

  int count() {
    return count;
  }

  int max() {
    return max;
  }

  List<String> recent() {
    return List.copyOf(recent);
  }
}
