package org.sparrow.scheduler.thrift;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TCompactProtocol;
import org.sparrow.common.Clock;
import org.sparrow.scheduler.job.HandedOut;
import org.sparrow.thrift.TGetTasksResponse;
import org.sparrow.thrift.TTaskLaunch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes getTasks idempotent per fetch id: a node monitor that got no answer in time asks again
 * with the same id, and gets the answer the first call produced (the tasks were handed out once,
 * to it), not a second batch. Answers are kept for a while, at most {@code maxEntries} of them
 * and at most {@code maxBytes} of their encodings; a request without a fetch id (an older node
 * monitor) is not remembered.
 *
 * <p>Answers are kept serialized (compact protocol): nearly every answer is kept and almost none
 * is ever asked for again, and at 1,200 tasks a second the object graphs of ~44,000 kept answers
 * were most of the scheduler's live heap (43 MB live, 25 MB with the answers serialized:
 * docs/benchmarks.md "Memory and threads"). A repeat pays for decoding, which is rare.
 *
 * <p>The byte bound matters because answers carry task messages: the entry count alone let jobs
 * with large messages keep far more than the heap. Over the bound the oldest answers give up
 * their bytes first; an answer larger than the whole bound is not kept at all. Either way the
 * fetch id stays remembered (until its time or the entry bound) with what the answer handed out
 * ({@link HandedOut}: job, task, attempt; no messages), and a repeat of it gets <em>no
 * tasks</em> (exhausted), never a fresh handout, and {@link Answer#lost()} names those runs
 * once, so the caller treats them as lost (the node monitor repeats only while it got no answer,
 * so it never started them) instead of leaving them LAUNCHED until the job's deadline. Handing
 * out again in the same answer would be unsafe: each fresh handout whose answer is lost again (as
 * an answer too large for the node monitor's frame limit always is) would strand one more batch.
 *
 * <p>When the time or the entry bound drops a fetch id, what it handed out is forgotten with it:
 * a later repeat of that id is a new fetch (a fresh handout), and the runs the first answer
 * handed out stay LAUNCHED until the job's deadline. The node monitor's repeat window (60 s by
 * default) is shorter than the time kept, so only the entry bound can do that, at over 50,000
 * fetches within one window.
 */
final class RepeatedFetches {

  private static final Logger LOG = LoggerFactory.getLogger(RepeatedFetches.class);

  /** An answered fetch whose answer is not kept (a real encoding is never empty). */
  private static final byte[] NOT_KEPT = new byte[0];

  /**
   * Every answer is encoded (getTasks is per task at saturation), so each handler thread reuses
   * one serializer and its buffer instead of building both per call; a serializer resets its
   * buffer on each use but is not thread-safe.
   */
  private static final ThreadLocal<TSerializer> ENCODER = ThreadLocal.withInitial(() -> {
    try {
      return new TSerializer(new TCompactProtocol.Factory());
    } catch (TException e) {
      throw new IllegalStateException("cannot build a getTasks answer encoder", e);
    }
  });

  /**
   * What to send, and the runs to treat as lost (a repeat that found the answer given up names
   * them the first time only; empty otherwise).
   */
  record Answer(TGetTasksResponse response, List<HandedOut> lost) {}

  /**
   * A remembered fetch: the encoded answer ({@link #NOT_KEPT} once given up), who asked, and what
   * it handed out (emptied once a repeat has reported it lost).
   */
  private record Remembered(byte[] bytes, String nodeMonitorId, List<HandedOut> handedOut) {
    Remembered withoutBytes() {
      return new Remembered(NOT_KEPT, nodeMonitorId, handedOut);
    }
  }

  private record Kept(String fetchId, int bytes) {}

  private record Arrival(String fetchId, long atNanos) {}

  private final Clock clock;
  private final long ttlNanos;
  private final int maxEntries;
  private final long maxBytes;
  private final Runnable onEvictedByBytes;
  private final Map<String, Remembered> answers = new ConcurrentHashMap<>();
  // Both guarded by `order`, appended together, so `heavy` (fetches whose bytes are still kept)
  // is a subsequence of `order` in the same order: the oldest of `order` that still has bytes is
  // the head of `heavy` as well.
  private final ArrayDeque<Arrival> order = new ArrayDeque<>();
  private final ArrayDeque<Kept> heavy = new ArrayDeque<>();
  private long keptBytes;  // guarded by `order`
  private long evictedByBytes;  // guarded by `order`

  RepeatedFetches(Clock clock, long ttlMs, int maxEntries, long maxBytes, Runnable onEvictedByBytes) {
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, got " + maxBytes);
    }
    this.clock = clock;
    this.ttlNanos = ttlMs * 1_000_000L;
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.onEvictedByBytes = onEvictedByBytes;
  }

  /**
   * An eighth of the maximum heap: the request budget ({@code FrameBudget.forHeap}) takes a
   * quarter, so together they leave the scheduler's jobs over half of it.
   */
  static long boundForHeap() {
    return Math.max(1, Runtime.getRuntime().maxMemory() / 8);
  }

  /**
   * The answer to fetch {@code fetchId} of node monitor {@code nodeMonitorId}: computed once
   * (concurrent repeats wait for it), then repeated (an equal answer, decoded from what was kept,
   * or no tasks if it was not kept, with the runs it had handed out as {@link Answer#lost()}).
   */
  Answer answer(String fetchId, String nodeMonitorId, Supplier<TGetTasksResponse> compute) {
    if (fetchId == null || fetchId.isEmpty()) {
      return new Answer(compute.get(), List.of());
    }
    TGetTasksResponse[] computed = {null};
    int[] tooLarge = {0};
    // Nothing in here takes `order`: remember() holds it while it updates the map.
    Remembered kept = answers.computeIfAbsent(fetchId, id -> {
      computed[0] = compute.get();
      byte[] encoded = encode(computed[0]);
      List<HandedOut> handedOut = handedOut(computed[0]);
      if (encoded.length > maxBytes) {
        tooLarge[0] = encoded.length;
        return new Remembered(NOT_KEPT, nodeMonitorId, handedOut);
      }
      return new Remembered(encoded, nodeMonitorId, handedOut);
    });
    if (computed[0] != null) {
      if (tooLarge[0] > 0) {
        evicted(fetchId, tooLarge[0]);
      }
      remember(fetchId, kept.bytes().length);
      return new Answer(computed[0], List.of());
    }
    if (kept.bytes().length > 0) {
      return new Answer(decode(kept.bytes()), List.of());
    }
    return new Answer(new TGetTasksResponse(List.of(), true), takeLost(fetchId, nodeMonitorId));
  }

  /**
   * The runs a given-up answer handed out, once: concurrent or later repeats get none (their
   * runs are already back). Only for the node monitor that fetched: another one naming the same
   * fetch id cannot take away runs it holds.
   */
  private List<HandedOut> takeLost(String fetchId, String nodeMonitorId) {
    List<List<HandedOut>> taken = new ArrayList<>(1);
    answers.computeIfPresent(fetchId, (id, r) -> {
      if (r.bytes().length > 0 || r.handedOut().isEmpty()
          || !Objects.equals(r.nodeMonitorId(), nodeMonitorId)) {
        return r;
      }
      taken.add(r.handedOut());
      return new Remembered(NOT_KEPT, r.nodeMonitorId(), List.of());
    });
    return taken.isEmpty() ? List.of() : taken.get(0);
  }

  private static List<HandedOut> handedOut(TGetTasksResponse answer) {
    if (answer == null || answer.getTasks() == null || answer.getTasks().isEmpty()) {
      return List.of();
    }
    List<HandedOut> out = new ArrayList<>(answer.getTasks().size());
    for (TTaskLaunch t : answer.getTasks()) {
      if (t != null && t.getTaskId() != null) {
        out.add(new HandedOut(t.getTaskId().getRequestId(), t.getTaskId().getTaskId(),
            t.isSetAttempt() ? t.getAttempt() : 1));
      }
    }
    return List.copyOf(out);
  }

  int size() {
    return answers.size();
  }

  /** Bytes of the answers kept now (not counting keys and bookkeeping, bounded by the count). */
  long keptBytes() {
    synchronized (order) {
      return keptBytes;
    }
  }

  /** Answers given up (or never kept) for the byte bound so far. */
  long evictedByBytes() {
    synchronized (order) {
      return evictedByBytes;
    }
  }

  private static byte[] encode(TGetTasksResponse answer) {
    try {
      return ENCODER.get().serialize(answer);
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

  private void remember(String fetchId, int bytes) {
    long now = clock.nanoTime();
    synchronized (order) {
      order.addLast(new Arrival(fetchId, now));
      if (bytes > 0) {
        heavy.addLast(new Kept(fetchId, bytes));
        keptBytes += bytes;
      }
      Arrival oldest;
      while ((oldest = order.peekFirst()) != null
          && (order.size() > maxEntries || now - oldest.atNanos() > ttlNanos)) {
        order.removeFirst();
        Remembered gone = answers.remove(oldest.fetchId());
        Kept head = heavy.peekFirst();
        if (gone != null && gone.bytes().length > 0 && head != null
            && head.fetchId().equals(oldest.fetchId())) {
          heavy.removeFirst();
          keptBytes -= head.bytes();
        }
      }
      Kept oldestHeavy;
      while (keptBytes > maxBytes && (oldestHeavy = heavy.pollFirst()) != null) {
        answers.computeIfPresent(oldestHeavy.fetchId(), (id, r) -> r.withoutBytes());
        keptBytes -= oldestHeavy.bytes();
        evicted(oldestHeavy.fetchId(), oldestHeavy.bytes());
      }
    }
  }

  private void evicted(String fetchId, int bytes) {
    synchronized (order) {
      evictedByBytes++;
    }
    onEvictedByBytes.run();
    LOG.debug("Not keeping the {}-byte answer to getTasks {} (bound {} bytes): a repeat of it gets "
        + "no tasks and its runs are lost", bytes, fetchId, maxBytes);
  }
}
