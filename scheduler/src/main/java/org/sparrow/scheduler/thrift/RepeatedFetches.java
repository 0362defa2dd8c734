package org.sparrow.scheduler.thrift;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TCompactProtocol;
import org.sparrow.common.Clock;
import org.sparrow.thrift.TGetTasksResponse;

/**
 * Makes getTasks idempotent per fetch id: a node monitor that got no answer in time asks again
 * with the same id, and gets the answer the first call produced (the tasks were handed out once,
 * to it), not a second batch. Answers are kept for a while and at most {@code maxEntries}; a
 * request without a fetch id (an older node monitor) is not remembered.
 *
 * <p>Answers are kept serialized (compact protocol): nearly every answer is kept and almost none
 * is ever asked for again, and at 1,200 tasks a second the object graphs of ~44,000 kept answers
 * were most of the scheduler's live heap (43 MB live, 25 MB with the answers serialized:
 * docs/benchmarks.md "Memory and threads"). A repeat pays for decoding, which is rare.
 */
final class RepeatedFetches {

  private record Kept(String fetchId, long atNanos) {}

  private final Clock clock;
  private final long ttlNanos;
  private final int maxEntries;
  private final Map<String, byte[]> answers = new ConcurrentHashMap<>();
  private final ArrayDeque<Kept> order = new ArrayDeque<>();  // guarded by itself

  RepeatedFetches(Clock clock, long ttlMs, int maxEntries) {
    this.clock = clock;
    this.ttlNanos = ttlMs * 1_000_000L;
    this.maxEntries = maxEntries;
  }

  /**
   * The answer to fetch {@code fetchId}: computed once (concurrent repeats wait for it), then
   * repeated (an equal answer, decoded from what was kept).
   */
  TGetTasksResponse answer(String fetchId, Supplier<TGetTasksResponse> compute) {
    if (fetchId == null || fetchId.isEmpty()) {
      return compute.get();
    }
    TGetTasksResponse[] computed = {null};
    byte[] kept = answers.computeIfAbsent(fetchId, id -> {
      computed[0] = compute.get();
      return encode(computed[0]);
    });
    if (computed[0] != null) {
      remember(fetchId);
      return computed[0];
    }
    return decode(kept);
  }

  int size() {
    return answers.size();
  }

  /** Bytes of the answers kept now (not counting keys and bookkeeping). */
  long keptBytes() {
    return answers.values().stream().mapToLong(b -> b.length).sum();
  }

  private static byte[] encode(TGetTasksResponse answer) {
    try {
      return new TSerializer(new TCompactProtocol.Factory()).serialize(answer);
    } catch (TException e) {
      throw new IllegalStateException("cannot encode a getTasks answer", e);
    }
  }

  private static TGetTasksResponse decode(byte[] bytes) {
    TGetTasksResponse answer = new TGetTasksResponse();
    try {
      new TDeserializer(new TCompactProtocol.Factory()).deserialize(answer, bytes);
    } catch (TException e) {
      throw new IllegalStateException("cannot decode a kept getTasks answer", e);
    }
    return answer;
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
