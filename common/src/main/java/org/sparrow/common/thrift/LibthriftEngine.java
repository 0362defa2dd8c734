package org.sparrow.common.thrift;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.TProcessor;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.server.ServerContext;
import org.apache.thrift.server.TServerEventHandler;
import org.apache.thrift.server.TThreadedSelectorServer;
import org.apache.thrift.transport.TNonblockingServerSocket;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TTransportException;
import org.apache.thrift.transport.layered.TFramedTransport;
import org.sparrow.common.NamedThreads;

/**
 * libthrift 0.20's {@code TThreadedSelectorServer} behind {@link ThriftServer}, as the servers
 * ran before the Netty server ({@code 074e248}): for measurement only
 * ({@code -Dsparrow.thrift.server=engine=libthrift}), so that the server alone can be compared
 * inside one build, apart from every other change since. It has none of the Netty server's
 * protections (no idle timeout, no request budget beyond libthrift's read-buffer cap, no bounded
 * decoding, a selector rebuild that can orphan connections, no failure callback), and
 * {@link ReplyWritten#whenSent} is never armed (a scheduler then keeps every accepted job, as it
 * did then). Never a default.
 */
final class LibthriftEngine implements AutoCloseable {

  private final TNonblockingServerSocket socket;
  private final TThreadedSelectorServer server;
  private final ExecutorService workers;
  private final Thread serveThread;
  private final int port;

  private LibthriftEngine(TNonblockingServerSocket socket, TThreadedSelectorServer server,
      ExecutorService workers, Thread serveThread, int port) {
    this.socket = socket;
    this.server = server;
    this.workers = workers;
    this.serveThread = serveThread;
    this.port = port;
  }

  static LibthriftEngine start(String name, TProcessor processor, String bindHost, int port,
      int selectorThreads, int workerThreads, int maxFrameBytes, long readBufferBytes)
      throws IOException {
    TNonblockingServerSocket socket;
    try {
      socket = new TNonblockingServerSocket(
          new TNonblockingServerSocket.NonblockingAbstractServerSocketArgs()
              .bindAddr(new InetSocketAddress(bindHost, port))
              .backlog(1024)
              .maxFrameSize(maxFrameBytes));
    } catch (TTransportException e) {
      throw new IOException(name + ": cannot listen on " + bindHost + ":" + port
          + " (" + e.getMessage() + ")", e);
    }
    // No worker threads: calls run on the selector thread that read them (a null executor
    // would do the same, but libthrift's shutdown then fails on it).
    ExecutorService workers = workerThreads == 0 ? new SameThread()
        : new ThreadPoolExecutor(workerThreads, workerThreads, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), NamedThreads.daemon(name + "-worker"));
    TThreadedSelectorServer.Args args = new TThreadedSelectorServer.Args(socket)
        .selectorThreads(selectorThreads)
        .executorService(workers)
        .processor(processor)
        .transportFactory(new TFramedTransport.Factory(maxFrameBytes))
        .protocolFactory(new TBinaryProtocol.Factory(false, true));
    args.maxReadBufferBytes = Math.max(maxFrameBytes, readBufferBytes);
    TThreadedSelectorServer server = new TThreadedSelectorServer(args);
    CountDownLatch serving = new CountDownLatch(1);
    server.setServerEventHandler(new TServerEventHandler() {
      @Override
      public void preServe() {
        serving.countDown();
      }

      @Override
      public ServerContext createContext(TProtocol in, TProtocol out) {
        return null;
      }

      @Override
      public void deleteContext(ServerContext ctx, TProtocol in, TProtocol out) {}

      @Override
      public void processContext(ServerContext ctx, TTransport in, TTransport out) {}
    });
    Thread serveThread = new Thread(server::serve, name + "-serve");
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
    return new LibthriftEngine(socket, server, workers, serveThread, boundPort(socket));
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
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

  /** Runs each call on the thread that hands it over (the selector). */
  private static final class SameThread extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable task) {
      if (shutdown) {
        throw new RejectedExecutionException("executor is shut down");
      }
      task.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return true;
    }
  }
}
