package org.sparrow.status;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Server-Sent Events to dashboards: each connected page has a short queue of pending events;
 * a page that does not keep up loses its oldest updates rather than holding memory or the
 * sampling thread. At most {@code maxStreams} pages at once (the rest are refused, and poll).
 */
final class EventStreams {

  private static final long KEEPALIVE_MS = 15_000;
  private static final int QUEUE = 4;
  /** Compared by identity: wakes a stream to end it. */
  @SuppressWarnings("StringOperationCanBeSimplified")
  private static final String CLOSING = new String("closing");

  private final int maxStreams;
  private final Set<BlockingQueue<String>> streams = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  EventStreams(int maxStreams) {
    this.maxStreams = maxStreams;
  }

  /** Hands one event's data (a single line of JSON) to every connected page. */
  void publish(String data) {
    for (BlockingQueue<String> q : streams) {
      while (!q.offer(data)) {
        q.poll();
      }
    }
  }

  int connected() {
    return streams.size();
  }

  /** A new page's queue of events; null when too many pages are connected already (or closed). */
  synchronized BlockingQueue<String> open() {
    if (closed || streams.size() >= maxStreams) {
      return null;
    }
    BlockingQueue<String> q = new ArrayBlockingQueue<>(QUEUE);
    streams.add(q);
    return q;
  }

  /**
   * Streams to {@code out} until the page goes away or this closes: first {@code first} (the
   * whole snapshot), then every event published to {@code q} (from {@link #open()}).
   */
  void stream(BlockingQueue<String> q, OutputStream out, Supplier<String> first)
      throws IOException, InterruptedException {
    write(out, "retry: 2000\n\n");
    String initial = first.get();
    if (initial != null) {
      write(out, "data: " + initial + "\n\n");
    }
    while (!closed) {
      String next = q.poll(KEEPALIVE_MS, TimeUnit.MILLISECONDS);
      if (next == CLOSING) {
        break;
      }
      // A comment line keeps proxies from timing the idle stream out.
      write(out, next == null ? ": keep-alive\n\n" : "data: " + next + "\n\n");
    }
  }

  /** Forgets a page's queue (from {@link #open()}); idempotent. */
  void release(BlockingQueue<String> q) {
    streams.remove(q);
  }

  private static void write(OutputStream out, String s) throws IOException {
    out.write(s.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  void close() {
    closed = true;
    // Wake every stream so it sees closed at once.
    publish(CLOSING);
  }
}
