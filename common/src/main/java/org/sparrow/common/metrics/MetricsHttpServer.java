package org.sparrow.common.metrics;

import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.common.HttpEndpoint;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.NamedThreads;

/** Serves {@code /metrics} (Prometheus text format) for one daemon's registry; one thread. */
public final class MetricsHttpServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsHttpServer.class);

  private final Lifecycle lifecycle = new Lifecycle("metrics server");
  private final MetricRegistry registry;
  private final String bindHost;
  private final int port;
  private HttpEndpoint endpoint;

  /** @param port 0 = any free port */
  public MetricsHttpServer(MetricRegistry registry, String bindHost, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("metrics port must be 0..65535, got " + port);
    }
    this.registry = registry;
    this.bindHost = bindHost;
    this.port = port;
  }

  public MetricsHttpServer start() throws IOException {
    lifecycle.markStarted();
    endpoint = HttpEndpoint.start(bindHost, port, 16,
        Executors.newSingleThreadExecutor(NamedThreads.daemon("metrics-http")), this::handle);
    return this;
  }

  public int port() {
    lifecycle.checkStarted();
    return endpoint.port();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      byte[] body;
      int code;
      String type;
      if (path.equals("/metrics")) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16_384);
        PrometheusText.write(registry, out);
        body = out.toByteArray();
        code = 200;
        type = PrometheusText.CONTENT_TYPE;
      } else {
        body = "try /metrics\n".getBytes(StandardCharsets.UTF_8);
        code = 404;
        type = "text/plain; charset=utf-8";
      }
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(code, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Metrics request failed", e);
    }
  }

  @Override
  public void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }
}
