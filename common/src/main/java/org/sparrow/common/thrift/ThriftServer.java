package org.sparrow.common.thrift;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.thrift.TProcessor;
import org.sparrow.common.HostPort;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Thrift service on one port, on Netty (epoll where the platform has it, NIO otherwise):
 * framed transport, binary protocol, byte for byte what libthrift's servers speak. Each
 * connection is a pipeline of small handlers, each one protection:
 *
 * <pre>
 *   [TLS, later] → FrameDecoder (frame limit, request budget, back-pressure)
 *                → IdleTimeout  (closes connections that complete no frame for a while)
 *                → ThriftDispatcher (one frame at a time, inline or on the worker pool,
 *                                    decoding bounded by BoundedBinaryProtocol)
 * </pre>
 *
 * Netty's accept loop registers every accepted channel on its own event loop, so a burst of
 * connections cannot orphan established ones (libthrift 0.20's selector rebuild did). When the
 * listening channel closes without {@link #close()}, the server cannot serve any more and tells
 * its {@code onFailure} callback, so the daemon can leave the cluster instead of staying
 * registered. Port 0 picks a free port; {@link #address()} tells which.
 */
public final class ThriftServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ThriftServer.class);

  /**
   * Frames above this are refused (the connection is closed) before anything is buffered; also
   * the largest request a client sends ({@code SparrowClient.MAX_REQUEST_BYTES}).
   */
  public static final int DEFAULT_MAX_FRAME_BYTES = 8 * 1024 * 1024;
  /** Connections that complete no frame for this long are closed. */
  public static final long DEFAULT_IDLE_TIMEOUT_MS = 120_000;
  /**
   * System property overriding the default idle timeout of every server in the process (the
   * hostile-input suite shortens it; daemons built by tools take the default).
   */
  public static final String IDLE_TIMEOUT_PROPERTY = "sparrow.thrift.idle-timeout-ms";

  private final Builder config;
  private final Lifecycle lifecycle;
  private final int maxFrameBytes;

  private EventLoops loops;
  private ExecutorService workers;
  private LibthriftEngine libthrift;  // engine=libthrift only (measurement)
  private Channel listener;
  private ChannelGroup connections;
  private HostPort address;
  private volatile boolean closing;
  private final AtomicLong lastFrameWarning = new AtomicLong(System.nanoTime() - 2_000_000_000L);

  private ThriftServer(Builder b) {
    this.config = b;
    this.lifecycle = new Lifecycle("thrift server " + b.name);
    // A frame must fit in the daemon's request budget with room for what it decodes into.
    this.maxFrameBytes = (int) Math.min(b.maxFrameBytes, Math.max(1024, b.budget.limit() / 2));
  }

  public static Builder builder(String name, TProcessor processor) {
    return new Builder(name, processor);
  }

  /** Binds and starts serving; returns once the port accepts connections. */
  public ThriftServer start() throws IOException {
    lifecycle.markStarted();
    String name = config.name;
    if (config.variant.engine() == ServerVariant.Engine.LIBTHRIFT) {
      return startLibthrift();
    }
    boolean epoll = switch (config.variant.transport()) {
      case AUTO -> NativeTransport.available();
      case NIO -> false;
      case EPOLL -> {
        if (!NativeTransport.available()) {
          throw new IOException(name + ": " + ServerVariant.PROPERTY
              + " asks for transport=epoll, but Netty's native epoll transport is not available here");
        }
        yield true;
      }
    };
    Class<? extends ServerChannel> channelType =
        epoll ? NativeTransport.serverChannel() : NioServerSocketChannel.class;
    int ioThreads = config.variant.ioThreads(config.selectorThreads);
    loops = config.variant.loops() == ServerVariant.Loops.SHARED ? EventLoops.shared(epoll, ioThreads)
        : EventLoops.own(name, epoll, ioThreads);
    workers = config.workerThreads == 0 ? null : new ThreadPoolExecutor(config.workerThreads,
        config.workerThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        NamedThreads.daemon(name + "-worker"));
    connections = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
    if (maxFrameBytes < config.maxFrameBytes) {
      LOG.warn("{}: frame limit lowered to {} bytes to fit the request budget of {} bytes", name,
          maxFrameBytes, config.budget.limit());
    }
    ServerBootstrap bootstrap = new ServerBootstrap()
        .group(loops.accept, loops.io)
        .channel(channelType)
        .option(ChannelOption.SO_BACKLOG, 1024)
        .option(ChannelOption.SO_REUSEADDR, true)
        // Pooled socket buffers (IoBuffers says why, and why the pool stays small); a frame's
        // bytes still live in the array the decoder sized for it, inside the request budget.
        .childOption(ChannelOption.ALLOCATOR, IoBuffers.ALLOCATOR)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new ChannelInitializer<SocketChannel>() {
          @Override
          protected void initChannel(SocketChannel ch) {
            connections.add(ch);
            // A TLS handler goes first here once ports are secured.
            ch.pipeline()
                .addLast("frames", new FrameDecoder(name, maxFrameBytes, config.budget, lastFrameWarning))
                .addLast("idle", new IdleTimeout(name, config.idleTimeoutMs))
                .addLast("dispatch", new ThriftDispatcher(name, config.processor, workers,
                    config.budget, ThriftServer.this::failed,
                    config.variant.flush() == ServerVariant.Flush.TURN,
                    config.variant.replyListeners() == ServerVariant.ReplyListeners.ARMED));
          }
        });
    if (epoll) {
      NativeTransport.levelTriggered(bootstrap);
    }
    try {
      ChannelFuture bound = bootstrap.bind(new InetSocketAddress(config.bindHost, config.port)).sync();
      listener = bound.channel();
    } catch (Exception e) {
      shutdownThreads();
      throw new IOException(name + ": cannot listen on " + config.bindHost + ":" + config.port
          + " (" + e.getMessage() + ")", e);
    }
    address = new HostPort(config.bindHost, ((InetSocketAddress) listener.localAddress()).getPort());
    listener.closeFuture().addListener(f -> {
      if (!closing) {
        failed(new IOException(name + ": the listening socket on " + address + " closed"));
      }
    });
    if (config.variant.replyListeners() == ServerVariant.ReplyListeners.UNARMED) {
      LOG.warn("{}: reply-listeners=unarmed, for measurement only: handlers never hear whether "
          + "their reply was written (a scheduler keeps jobs whose answer missed the submit deadline)",
          name);
    }
    LOG.info("{} listening on {} ({}, {}, {} {} I/O threads, frame limit {} bytes, idle timeout {} ms)",
        name, address, epoll ? "epoll" : "nio", config.variant.spec(), ioThreads,
        loops.isShared() ? "shared" : "own", maxFrameBytes, config.idleTimeoutMs);
    return this;
  }

  private ThriftServer startLibthrift() throws IOException {
    libthrift = LibthriftEngine.start(config.name, config.processor, config.bindHost, config.port,
        config.variant.ioThreads(config.selectorThreads), config.workerThreads, maxFrameBytes,
        config.budget.limit());
    address = new HostPort(config.bindHost, libthrift.port());
    LOG.warn("{} listening on {} ({}: libthrift's TThreadedSelectorServer, for measurement only: "
        + "no idle timeout, no request budget, no bounded decoding)", config.name, address,
        config.variant.spec());
    return this;
  }

  private void failed(Throwable cause) {
    LOG.error("{} cannot serve any more", config.name, cause);
    try {
      config.onFailure.accept(cause);
    } catch (Throwable t) {
      LOG.error("{}: the failure handler failed", config.name, t);
    }
  }

  public HostPort address() {
    if (address == null) {
      throw new IllegalStateException(config.name + " is not started");
    }
    return address;
  }

  public int port() {
    return address().port();
  }

  /** The largest frame this server reads (the builder's, lowered to fit the budget). */
  public int maxFrameBytes() {
    return maxFrameBytes;
  }

  /** The listening channel (tests close it to check the failure path). */
  Channel listenerChannel() {
    return listener;
  }

  /** Client connections open now. */
  public int openConnections() {
    return connections == null ? 0 : connections.size();
  }

  @Override
  public void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    if (libthrift != null) {
      libthrift.close();
      return;
    }
    if (listener == null) {
      return;
    }
    closing = true;
    listener.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
    connections.close().awaitUninterruptibly(10, TimeUnit.SECONDS);
    shutdownThreads();
  }

  private void shutdownThreads() {
    closing = true;
    if (workers != null) {
      workers.shutdownNow();
    }
    if (loops != null) {
      loops.release();
      loops = null;
    }
  }

  /** Configuration of a {@link ThriftServer}. */
  public static final class Builder {
    private final String name;
    private final TProcessor processor;
    private String bindHost = "127.0.0.1";
    private int port = 0;
    private int selectorThreads = 2;
    private int workerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
    private long idleTimeoutMs = Long.getLong(IDLE_TIMEOUT_PROPERTY, DEFAULT_IDLE_TIMEOUT_MS);
    // Read once, here: the server reads its variant from this record only.
    private ServerVariant variant = ServerVariant.fromSystemProperty();
    private FrameBudget budget;
    private Consumer<Throwable> onFailure = t -> {};

    private Builder(String name, TProcessor processor) {
      this.name = Objects.requireNonNull(name);
      this.processor = Objects.requireNonNull(processor);
    }

    /** Interface to listen on (default 127.0.0.1: nothing is exposed unless asked for). */
    public Builder bindHost(String host) {
      this.bindHost = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** Event-loop threads that read, decode and write (default 2). */
    public Builder selectorThreads(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("selectorThreads must be positive, got " + n);
      }
      this.selectorThreads = n;
      return this;
    }

    /**
     * Threads that run the handler; 0 runs it on the event-loop threads, which saves a thread
     * hand-off per call but is only for handlers that never block (no RPCs, no waits).
     */
    public Builder workerThreads(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("workerThreads must be >= 0, got " + n);
      }
      this.workerThreads = n;
      return this;
    }

    public Builder maxFrameBytes(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("maxFrameBytes must be positive, got " + n);
      }
      this.maxFrameBytes = n;
      return this;
    }

    /** Connections that complete no frame for this long are closed (default 120 s). */
    public Builder idleTimeoutMs(long ms) {
      if (ms <= 0) {
        throw new IllegalArgumentException("idleTimeoutMs must be positive, got " + ms);
      }
      this.idleTimeoutMs = ms;
      return this;
    }

    /**
     * How the server is built inside (default: {@link ServerVariant#PROPERTY}'s, else the
     * measured best); every variant speaks the same bytes with the same protections.
     */
    public Builder variant(ServerVariant v) {
      this.variant = Objects.requireNonNull(v);
      return this;
    }

    /** The daemon's request budget, shared by its servers (default: a quarter of the heap each). */
    public Builder budget(FrameBudget b) {
      this.budget = Objects.requireNonNull(b);
      return this;
    }

    /** Called (once per cause, on a Netty or worker thread) when the server cannot serve any more. */
    public Builder onFailure(Consumer<Throwable> handler) {
      this.onFailure = Objects.requireNonNull(handler);
      return this;
    }

    public ThriftServer build() {
      if (budget == null) {
        budget = FrameBudget.forHeap();
      }
      return new ThriftServer(this);
    }
  }
}
