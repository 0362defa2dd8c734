package org.sparrow.scheduler.thrift;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.sparrow.common.Clock;
import org.sparrow.thrift.TGetTasksResponse;

/**
 * Makes getTasks idempotent per fetch id: a node monitor that got no answer in time asks again
 * with the same id, and gets the answer the first call produced (the tasks were handed out once,
 * to it), not a second batch. Answers are kept for a while and at most {@code maxEntries}; a
 * request without a fetch id (an older node monitor) is not remembered.
 */
final class RepeatedFetches {

  private record Kept(String fetchId, long atNanos) {}

  private final Clock clock;
  private final long ttlNanos;
  private final int maxEntries;
  private final Map<String, TGetTasksResponse> answers = new ConcurrentHashMap<>();
  private final ArrayDeque<Kept> order = new ArrayDeque<>();  // guarded by itself

  RepeatedFetches(Clock clock, long ttlMs, int maxEntries) {
    this.clock = clock;
    this.ttlNanos = ttlMs * 1_000_000L;
    this.maxEntries = maxEntries;
  }

  /**
   * The answer to fetch {@code fetchId}: computed once (concurrent repeats wait for it), then
   * repeated.
   */
  TGetTasksResponse answer(String fetchId, Supplier<TGetTasksResponse> compute) {
    if (fetchId == null || fetchId.isEmpty()) {
      return compute.get();
    }
    boolean[] computed = {false};
    TGetTasksResponse answer = answers.computeIfAbsent(fetchId, id -> {
      computed[0] = true;
      return compute.get();
    });
    if (computed[0]) {
      remember(fetchId);
    }
    return answer;
  }

  int size() {
    return answers.size();
  }

  private void remember(String fetchId) {
    long now = clock.nanoTime();
    synchronized (order) {
      order.addLast(new Kept(fetchId, now));
      Kept oldest;
      while ((oldest = order.peekFirst()) != null
          && (order.size() > maxEntries || now - oldest.atNanos() > ttlNanos)) {
        order.removeFirst();
        answers.remove(oldest.fetchId());
      }
    }
  }
}
