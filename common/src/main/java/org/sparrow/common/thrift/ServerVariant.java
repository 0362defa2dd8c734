package org.sparrow.common.thrift;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * How a {@link ThriftServer} is built inside, where there is more than one way and the choice is
 * a matter of measurement, not of behaviour: every variant speaks the same bytes and keeps the
 * same protections. The default is the one measured best (docs/benchmarks.md, "The Netty Thrift
 * server against libthrift's"); the others stay so that one jar can be run against itself with
 * two settings ({@code docs/scripts/server-ab.sh} with {@code A_OPTS} / {@code B_OPTS}).
 *
 * <p>Read once per server, when its builder is made, from the system property
 * {@value #PROPERTY}: comma-separated {@code key=value} pairs, any subset, e.g.
 * {@code -Dsparrow.thrift.server=transport=nio}. Keys and values:
 * <ul>
 *   <li>{@code engine}: {@code netty} (default), {@code libthrift}: libthrift 0.20's
 *       {@code TThreadedSelectorServer} as before the Netty server, for measurement only, without
 *       the Netty server's protections ({@link LibthriftEngine} says which); never for a cluster.
 *   <li>{@code transport} (Netty engine): {@code auto} (default: epoll where Netty's native library loads, NIO
 *       otherwise), {@code epoll} (fails at start where it cannot load), {@code nio}.
 *   <li>{@code loops} (Netty engine): {@code shared} (default: one accept thread and one set of
 *       event loops for every server of the process: {@link EventLoops}), {@code own} (every server
 *       its own accept thread and event loops).
 *   <li>{@code io-threads} (both engines): {@code builder} (default: what the server's builder
 *       says, {@link ThriftServer.Builder#selectorThreads}) or a positive number: event-loop
 *       (selector) threads per server, or of the shared set.
 *   <li>{@code flush} (Netty engine): {@code turn} (default: flushed once the event loop's turn
 *       is done: {@link TurnFlush}), {@code each} (every response flushed as it is written).
 *   <li>{@code reply-listeners} (Netty engine): {@code armed} (default), {@code unarmed}:
 *       {@link ReplyWritten#whenSent} says "not in a server call", as under {@code engine=libthrift},
 *       so the two engines can be compared with the same scheduler behaviour; measurement only
 *       (a scheduler then keeps a job even if its answer missed the submit deadline).
 * </ul>
 * An unknown key or value is a configuration error naming the valid ones.
 */
public record ServerVariant(Engine engine, Transport transport, Loops loops, int ioThreads,
    Flush flush, ReplyListeners replyListeners) {

  /** System property the variant is read from. */
  public static final String PROPERTY = "sparrow.thrift.server";

  /** {@link #ioThreads} value meaning: as many as the server's builder says. */
  public static final int BUILDER_THREADS = 0;
  private static final int MAX_IO_THREADS = 64;

  public static final ServerVariant DEFAULT =
      new ServerVariant(Engine.NETTY, Transport.AUTO, Loops.SHARED, BUILDER_THREADS, Flush.TURN,
          ReplyListeners.ARMED);

  /** Which server implementation. */
  public enum Engine { NETTY, LIBTHRIFT }

  /** The socket layer of the Netty engine. */
  public enum Transport { AUTO, EPOLL, NIO }

  /** Whose event loops a Netty server runs on. */
  public enum Loops { SHARED, OWN }

  /** When a Netty server flushes a response it wrote: at once, or at the end of the loop's turn. */
  public enum Flush { TURN, EACH }

  /**
   * Whether a handler hears when its reply was written ({@link ReplyWritten}): {@code ARMED}, or
   * {@code UNARMED} as under {@code engine=libthrift} (measurement only: a scheduler then keeps
   * every accepted job at once, without its submit-deadline check).
   */
  public enum ReplyListeners { ARMED, UNARMED }

  public ServerVariant {
    if (engine == null || transport == null || loops == null || flush == null
        || replyListeners == null) {
      throw new IllegalArgumentException("engine, transport, loops, flush and replyListeners must not be null");
    }
    if (ioThreads < 0 || ioThreads > MAX_IO_THREADS) {
      throw new IllegalArgumentException(PROPERTY + ": io-threads must be 1.." + MAX_IO_THREADS
          + " or 'builder', got " + ioThreads);
    }
  }

  /** Engine and transport, the rest as {@link #DEFAULT}. */
  public ServerVariant(Engine engine, Transport transport) {
    this(engine, transport, DEFAULT.loops(), DEFAULT.ioThreads(), DEFAULT.flush(),
        DEFAULT.replyListeners());
  }

  /** The event-loop threads a server whose builder asks for {@code builderThreads} gets. */
  public int ioThreads(int builderThreads) {
    return ioThreads == BUILDER_THREADS ? builderThreads : ioThreads;
  }

  /** The variant the process's {@value #PROPERTY} asks for ({@link #DEFAULT} when unset). */
  public static ServerVariant fromSystemProperty() {
    return parse(System.getProperty(PROPERTY, ""));
  }

  /** Parses {@code key=value[,key=value...]}; blank means {@link #DEFAULT}. */
  public static ServerVariant parse(String spec) {
    ServerVariant v = DEFAULT;
    if (spec == null || spec.isBlank()) {
      return v;
    }
    for (String pair : spec.split(",")) {
      String p = pair.trim();
      if (p.isEmpty()) {
        continue;
      }
      int eq = p.indexOf('=');
      if (eq <= 0 || eq == p.length() - 1) {
        throw new IllegalArgumentException(PROPERTY + ": '" + p + "' is not key=value; keys: "
            + KEYS.keySet());
      }
      String key = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
      String value = p.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
      BiFunction<ServerVariant, String, ServerVariant> setter = KEYS.get(key);
      if (setter == null) {
        throw new IllegalArgumentException(PROPERTY + ": unknown key '" + key + "'; keys: "
            + KEYS.keySet());
      }
      v = setter.apply(v, value);
    }
    return v;
  }

  /** The spec that parses back into this variant (logged at start, so a run says what it ran). */
  public String spec() {
    return "engine=" + name(engine) + ",transport=" + name(transport) + ",loops=" + name(loops)
        + ",io-threads=" + (ioThreads == BUILDER_THREADS ? "builder" : String.valueOf(ioThreads))
        + ",flush=" + name(flush) + ",reply-listeners=" + name(replyListeners);
  }

  public ServerVariant withEngine(Engine e) {
    return new ServerVariant(e, transport, loops, ioThreads, flush, replyListeners);
  }

  public ServerVariant withTransport(Transport t) {
    return new ServerVariant(engine, t, loops, ioThreads, flush, replyListeners);
  }

  public ServerVariant withLoops(Loops l) {
    return new ServerVariant(engine, transport, l, ioThreads, flush, replyListeners);
  }

  public ServerVariant withIoThreads(int n) {
    return new ServerVariant(engine, transport, loops, n, flush, replyListeners);
  }

  public ServerVariant withFlush(Flush f) {
    return new ServerVariant(engine, transport, loops, ioThreads, f, replyListeners);
  }

  public ServerVariant withReplyListeners(ReplyListeners r) {
    return new ServerVariant(engine, transport, loops, ioThreads, flush, r);
  }

  private static final Map<String, BiFunction<ServerVariant, String, ServerVariant>> KEYS =
      new LinkedHashMap<>();

  static {
    KEYS.put("engine", (v, s) -> v.withEngine(constant(Engine.class, "engine", s)));
    KEYS.put("transport", (v, s) -> v.withTransport(constant(Transport.class, "transport", s)));
    KEYS.put("loops", (v, s) -> v.withLoops(constant(Loops.class, "loops", s)));
    KEYS.put("io-threads", (v, s) -> v.withIoThreads(threads(s)));
    KEYS.put("flush", (v, s) -> v.withFlush(constant(Flush.class, "flush", s)));
    KEYS.put("reply-listeners",
        (v, s) -> v.withReplyListeners(constant(ReplyListeners.class, "reply-listeners", s)));
  }

  private static int threads(String value) {
    if (value.equals("builder")) {
      return BUILDER_THREADS;
    }
    try {
      int n = Integer.parseInt(value);
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // falls through to the error naming the valid values
    }
    throw new IllegalArgumentException(PROPERTY + ": io-threads must be 'builder' or 1.."
        + MAX_IO_THREADS + ", got '" + value + "'");
  }

  private static <E extends Enum<E>> E constant(Class<E> type, String key, String value) {
    for (E e : type.getEnumConstants()) {
      if (name(e).equals(value)) {
        return e;
      }
    }
    throw new IllegalArgumentException(PROPERTY + ": unknown " + key + " '" + value + "'; valid: "
        + Arrays.stream(type.getEnumConstants()).map(ServerVariant::name)
            .collect(Collectors.joining(", ")));
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
