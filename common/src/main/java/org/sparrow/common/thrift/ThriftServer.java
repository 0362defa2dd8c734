package org.sparrow.common.thrift;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TServerEventHandler;
import org.apache.thrift.server.TThreadedSelectorServer;
import org.apache.thrift.transport.TNonblockingServerSocket;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.sparrow.common.HostPort;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.NamedThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Thrift service on one port: non-blocking selector threads, a bounded worker pool, framed
 * transport with a frame limit, binary protocol. Port 0 picks a free port; {@link #address()}
 * tells which.
 */
public final class ThriftServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ThriftServer.class);

  /** Frames above this are refused (the connection is closed) before they are buffered. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;

  private final String name;
  private final TProcessor processor;
  private final String bindHost;
  private final int requestedPort;
  private final int selectorThreads;
  private final int workerThreads;
  private final int maxFrameBytes;
  private final Lifecycle lifecycle;

  private TNonblockingServerSocket socket;
  private TServer server;
  private Thread serveThread;
  private ExecutorService workers;
  private HostPort address;

  private ThriftServer(Builder b) {
    this.name = b.name;
    this.processor = b.processor;
    this.bindHost = b.bindHost;
    this.requestedPort = b.port;
    this.selectorThreads = b.selectorThreads;
    this.workerThreads = b.workerThreads;
    this.maxFrameBytes = b.maxFrameBytes;
    this.lifecycle = new Lifecycle("thrift server " + b.name);
  }

  public static Builder builder(String name, TProcessor processor) {
    return new Builder(name, processor);
  }

  /** Binds and starts serving; returns once the port accepts connections. */
  public ThriftServer start() throws IOException {
    lifecycle.markStarted();
    try {
      socket = new TNonblockingServerSocket(
          new TNonblockingServerSocket.NonblockingAbstractServerSocketArgs()
              .bindAddr(new InetSocketAddress(bindHost, requestedPort))
              .backlog(1024)
              .maxFrameSize(maxFrameBytes));
    } catch (TTransportException e) {
      throw new IOException(name + ": cannot listen on " + bindHost + ":" + requestedPort
          + " (" + e.getMessage() + ")", e);
    }
    int port = boundPort(socket);
    address = new HostPort(bindHost, port);
    // No worker threads: calls run on the selector thread that read them. (A null executor would
    // do the same, but libthrift's shutdown then fails on it.)
    workers = workerThreads == 0 ? new SameThreadExecutor() : new ThreadPoolExecutor(workerThreads,
        workerThreads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), NamedThreads.daemon(name + "-worker"));
    TThreadedSelectorServer.Args args = new TThreadedSelectorServer.Args(socket)
        .selectorThreads(selectorThreads)
        .executorService(workers)
        .processor(processor)
        .transportFactory(new TFramedTransport.Factory(maxFrameBytes))
        .protocolFactory(new TBinaryProtocol.Factory(false, true));
    // Frames being read wait (back-pressure) rather than exceed a quarter of the heap, so a
    // burst of large requests cannot run a small daemon (48 MB heap) out of memory.
    args.maxReadBufferBytes = Math.max(maxFrameBytes, Runtime.getRuntime().maxMemory() / 4);
    server = new TThreadedSelectorServer(args);
    CountDownLatch serving = new CountDownLatch(1);
    server.setServerEventHandler(new TServerEventHandler() {
      @Override
      public void preServe() {
        serving.countDown();
      }

      @Override
      public org.apache.thrift.server.ServerContext createContext(
          org.apache.thrift.protocol.TProtocol in, org.apache.thrift.protocol.TProtocol out) {
        return null;
      }

      @Override
      public void deleteContext(org.apache.thrift.server.ServerContext ctx,
          org.apache.thrift.protocol.TProtocol in, org.apache.thrift.protocol.TProtocol out) {}

      @Override
      public void processContext(org.apache.thrift.server.ServerContext ctx,
          org.apache.thrift.transport.TTransport in, org.apache.thrift.transport.TTransport out) {}
    });
    serveThread = new Thread(server::serve, name + "-serve");
    serveThread.setDaemon(true);
    serveThread.start();
    try {
      if (!serving.await(30, TimeUnit.SECONDS)) {
        throw new IOException(name + ": server did not start serving within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(name + ": interrupted while starting", e);
    }
    LOG.info("{} listening on {}", name, address);
    return this;
  }

  public HostPort address() {
    if (address == null) {
      throw new IllegalStateException(name + " is not started");
    }
    return address;
  }

  public int port() {
    return address().port();
  }

  @Override
  public void close() {
    if (!lifecycle.markClosed() || server == null) {
      return;
    }
    server.stop();
    try {
      serveThread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    workers.shutdownNow();
    socket.close();
  }

  private static int boundPort(TNonblockingServerSocket socket) {
    int port = socket.getPort();
    if (port > 0) {
      return port;
    }
    try {
      var field = TNonblockingServerSocket.class.getDeclaredField("serverSocket_");
      field.setAccessible(true);
      return ((ServerSocket) field.get(socket)).getLocalPort();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the bound port", e);
    }
  }

  /** Configuration of a {@link ThriftServer}. */
  public static final class Builder {
    private final String name;
    private final TProcessor processor;
    private String bindHost = "0.0.0.0";
    private int port = 0;
    private int selectorThreads = 2;
    private int workerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;

    private Builder(String name, TProcessor processor) {
      this.name = name;
      this.processor = processor;
    }

    public Builder bindHost(String host) {
      this.bindHost = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder selectorThreads(int n) {
      this.selectorThreads = n;
      return this;
    }

    /**
     * Threads that run the handler; 0 runs it on the selector threads, which saves a thread
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
      this.maxFrameBytes = n;
      return this;
    }

    public ThriftServer build() {
      return new ThriftServer(this);
    }
  }
}
