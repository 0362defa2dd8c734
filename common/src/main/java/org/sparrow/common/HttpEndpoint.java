package org.sparrow.common;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;

/**
 * A listening JDK {@link HttpServer} with the executor it owns, so the daemons' small HTTP
 * servers (metrics, dashboard) bind, serve and stop the same way. The owner keeps its own
 * lifecycle and routes; this only holds the socket and the threads.
 */
public final class HttpEndpoint implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEndpoint(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  /**
   * Binds {@code bindHost:port} (0 = any free port) and serves every path with {@code handler}
   * on {@code executor}, which the endpoint owns from now on: it is shut down on close, and at
   * once when the bind fails.
   *
   * @param backlog connections the kernel may queue before they are accepted
   */
  public static HttpEndpoint start(String bindHost, int port, int backlog, ExecutorService executor,
      HttpHandler handler) throws IOException {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(bindHost, port), backlog);
    } catch (IOException | RuntimeException e) {
      executor.shutdownNow();
      throw e;
    }
    server.setExecutor(executor);
    server.createContext("/", handler);
    server.start();
    return new HttpEndpoint(server, executor);
  }

  /** The bound port (the one chosen when started with port 0). */
  public int port() {
    return server.getAddress().getPort();
  }

  /** Stops at once: a handler still running is interrupted rather than awaited. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
