package org.sparrow.am.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.NamedThreads;

/**
 * The AM's tracking URL: {@code /} is the HTML status page, {@code /status.json} the same as
 * JSON. Links are relative so the pages also work behind the ResourceManager's web proxy.
 */
public final class StatusHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StatusHttpServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Lifecycle lifecycle = new Lifecycle("AM status server");
  private final StatusService status;
  private final String bindHost;
  private final int port;
  private HttpServer server;
  private ExecutorService executor;

  public StatusHttpServer(StatusService status, String bindHost, int port) {
    this.status = status;
    this.bindHost = bindHost;
    this.port = port;
  }

  public StatusHttpServer start() throws IOException {
    lifecycle.markStarted();
    server = HttpServer.create(new InetSocketAddress(bindHost, port), 16);
    executor = Executors.newFixedThreadPool(2, NamedThreads.daemon("am-http"));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    return this;
  }

  /** The port it listens on (resolved when started with port 0). */
  public int port() {
    lifecycle.checkStarted();
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        send(exchange, 405, "text/plain", "only GET is supported\n");
      } else if (path.endsWith("/status.json")) {
        send(exchange, 200, "application/json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(status.report()));
      } else if (path.equals("/") || path.endsWith("/index.html")) {
        send(exchange, 200, "text/html; charset=utf-8", HtmlPage.render(status.report()));
      } else {
        send(exchange, 404, "text/plain", "not found: " + path + " (try / or /status.json)\n");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.warn("Status page failed", e);
      send(exchange, 500, "text/plain", "status unavailable: " + e + "\n");
    }
  }

  private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    if (server != null) {
      server.stop(0);
    }
    if (executor != null) {
      executor.shutdownNow();
    }
  }
}
