package org.sparrow.common.thrift;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a Netty {@link ThriftServer} runs on: one accept thread and its I/O event loops.
 * Either the server's own ({@link #own}), or one set shared by every server of the process that
 * asks for the same transport and thread count ({@link #shared}, {@code loops=shared} in
 * {@link ServerVariant}): counted references, the last server to close shuts them down, and the
 * next one to start makes new ones.
 *
 * <p>The threads are Netty's {@link FastThreadLocalThread}s: on a plain thread every Netty
 * thread-local (buffer pool cache, recycler, pipeline state) falls back to a
 * {@link ThreadLocal} lookup, a few of them per call.
 */
final class EventLoops {

  private static final Map<Key, EventLoops> SHARED = new HashMap<>();

  private record Key(boolean epoll, int threads) {}

  final EventLoopGroup accept;
  final EventLoopGroup io;
  private final Key sharedKey;  // null: the server's own
  private int references;

  private EventLoops(String prefix, boolean epoll, int threads, Key sharedKey) {
    this.accept = group(epoll, 1, prefix + "-accept");
    this.io = group(epoll, threads, prefix + "-io");
    this.sharedKey = sharedKey;
  }

  /** A server's own threads, named after it ({@code NAME-accept-1}, {@code NAME-io-1}, ...). */
  static EventLoops own(String name, boolean epoll, int threads) {
    return new EventLoops(name, epoll, threads, null);
  }

  /** The process's shared threads for this transport and count ({@code thrift-io-1}, ...). */
  static EventLoops shared(boolean epoll, int threads) {
    Key key = new Key(epoll, threads);
    synchronized (SHARED) {
      EventLoops loops = SHARED.computeIfAbsent(key,
          k -> new EventLoops("thrift" + (threads == 2 ? "" : "-" + threads), epoll, threads, k));
      loops.references++;
      return loops;
    }
  }

  /** Servers holding the process's shared loops for this transport and count now (tests). */
  static int sharedReferences(boolean epoll, int threads) {
    synchronized (SHARED) {
      EventLoops loops = SHARED.get(new Key(epoll, threads));
      return loops == null ? 0 : loops.references;
    }
  }

  boolean isShared() {
    return sharedKey != null;
  }

  /** The server is done with these threads: own ones stop, shared ones when the last user lets go. */
  void release() {
    if (sharedKey != null) {
      synchronized (SHARED) {
        if (--references > 0) {
          return;
        }
        SHARED.remove(sharedKey);
      }
    }
    accept.shutdownGracefully(0, 2, TimeUnit.SECONDS);
    io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
  }

  private static EventLoopGroup group(boolean epoll, int threads, String prefix) {
    ThreadFactory factory = fastThreads(prefix);
    return epoll ? NativeTransport.group(threads, factory) : new NioEventLoopGroup(threads, factory);
  }

  private static ThreadFactory fastThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new FastThreadLocalThread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
