package org.sparrow.status;

import com.codahale.metrics.MetricRegistry;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.common.HttpEndpoint;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.NamedThreads;
import org.sparrow.common.metrics.PrometheusText;

/**
 * The live dashboard over HTTP: {@code /} (the page, with its script and style from this jar:
 * no CDN), {@code events} (Server-Sent Events: the whole snapshot when a page connects, then an
 * update per sample), {@code cluster.json} (the newest snapshot with its history), plus any
 * extra pages the host adds (the AM adds its container views).
 *
 * <p>Requests are matched on their last path segment and the page links relatively, so it
 * works unchanged behind the YARN ResourceManager's web proxy.
 */
public final class DashboardServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);
  private static final String WEB = "/org/sparrow/status/web/";
  private static final Map<String, String> ASSETS = Map.of(
      "", "index.html",
      "index.html", "index.html",
      "dashboard.js", "dashboard.js",
      "dashboard.css", "dashboard.css");

  /** A page the host adds: its content type and a body computed per request. */
  public record Page(String title, String contentType, Supplier<String> body) {}

  private final Lifecycle lifecycle = new Lifecycle("dashboard server");
  private final ClusterStatus status;
  private final String bindHost;
  private final int port;
  private final Map<String, Page> pages;
  private final MetricRegistry metrics;
  private final EventStreams streams;
  private final Map<String, byte[]> assets = new LinkedHashMap<>();
  private AutoCloseable subscription;
  private HttpEndpoint endpoint;

  private DashboardServer(Builder b) {
    this.status = Objects.requireNonNull(b.status, "status");
    this.bindHost = b.bindHost;
    this.port = b.port;
    this.pages = Map.copyOf(b.pages);
    this.metrics = b.metrics;
    this.streams = new EventStreams(b.maxStreams);
  }

  public static Builder builder() {
    return new Builder();
  }

  public DashboardServer start() throws IOException {
    lifecycle.markStarted();
    for (String name : ASSETS.values()) {
      assets.put(name, resource(name));
    }
    // One serialisation per sample, shared by every connected page.
    subscription = status.addListener(s -> streams.publish(StatusJson.update(s)));
    // Each open event stream holds a thread; the pool grows with them (bounded by maxStreams).
    endpoint = HttpEndpoint.start(bindHost, port, 64,
        Executors.newCachedThreadPool(NamedThreads.daemon("dashboard-http")), this::handle);
    return this;
  }

  /** The port it listens on (resolved when started with port 0). */
  public int port() {
    lifecycle.checkStarted();
    return endpoint.port();
  }

  /** {@code http://host:port/}, with the bind host (or 127.0.0.1 for a wildcard bind). */
  public String url() {
    String host = bindHost.equals("0.0.0.0") || bindHost.equals("::") ? "127.0.0.1" : bindHost;
    return "http://" + host + ":" + port() + "/";
  }

  /** Pages connected to the event stream now. */
  public int connectedPages() {
    return streams.connected();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String name = path.substring(path.lastIndexOf('/') + 1);
      if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
        send(exchange, 405, "text/plain", "only GET is supported\n".getBytes(StandardCharsets.UTF_8));
      } else if (name.equals("events")) {
        events(exchange);
      } else if (name.equals("metrics") && metrics != null) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(8_192);
        PrometheusText.write(metrics, out);
        send(exchange, 200, PrometheusText.CONTENT_TYPE, out.toByteArray());
      } else if (name.equals("cluster.json")) {
        send(exchange, 200, "application/json", StatusJson.full(status.latest()).getBytes(StandardCharsets.UTF_8));
      } else if (name.equals("links.json")) {
        // The page shows a link to each extra page (and to the JSON).
        Map<String, String> links = new LinkedHashMap<>();
        pages.forEach((n, p) -> links.put(n, p.title()));
        links.put("cluster.json", "JSON");
        send(exchange, 200, "application/json", StatusJson.write(links).getBytes(StandardCharsets.UTF_8));
      } else if (pages.containsKey(name)) {
        Page page = pages.get(name);
        send(exchange, 200, page.contentType(), page.body().get().getBytes(StandardCharsets.UTF_8));
      } else if (ASSETS.containsKey(name)) {
        String asset = ASSETS.get(name);
        send(exchange, 200, contentType(asset), assets.get(asset));
      } else {
        send(exchange, 404, "text/plain", ("not found: " + path + " (try / or cluster.json)\n")
            .getBytes(StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.debug("Dashboard client went away", e);
    } catch (RuntimeException e) {
      LOG.warn("Dashboard request failed", e);
      send(exchange, 500, "text/plain", ("status unavailable: " + e + "\n").getBytes(StandardCharsets.UTF_8));
    }
  }

  private void events(HttpExchange exchange) throws IOException, InterruptedException {
    java.util.concurrent.BlockingQueue<String> queue = streams.open();
    if (queue == null) {
      // The page falls back to polling cluster.json.
      send(exchange, 503, "text/plain", "too many dashboards connected\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    try {
      exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      // Asks buffering proxies (nginx and the like) to pass events on at once.
      exchange.getResponseHeaders().set("X-Accel-Buffering", "no");
      exchange.sendResponseHeaders(200, 0);
      try (OutputStream out = exchange.getResponseBody()) {
        streams.stream(queue, out, () -> {
          ClusterSnapshot latest = status.latest();
          return latest == null ? null : StatusJson.full(latest);
        });
      }
    } finally {
      streams.release(queue);
    }
  }

  private static String contentType(String asset) {
    if (asset.endsWith(".js")) {
      return "text/javascript; charset=utf-8";
    } else if (asset.endsWith(".css")) {
      return "text/css; charset=utf-8";
    }
    return "text/html; charset=utf-8";
  }

  private static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(code, head ? -1 : body.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] resource(String name) {
    try (InputStream in = DashboardServer.class.getResourceAsStream(WEB + name)) {
      if (in == null) {
        throw new IllegalStateException("dashboard asset " + name + " is missing from the jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    streams.close();
    if (subscription != null) {
      try {
        subscription.close();
      } catch (Exception e) {
        LOG.debug("Removing the status listener failed", e);
      }
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }

  /** Configuration of a {@link DashboardServer}. */
  public static final class Builder {
    private ClusterStatus status;
    private String bindHost = "127.0.0.1";
    private int port;
    private int maxStreams = 32;
    private final Map<String, Page> pages = new LinkedHashMap<>();
    private MetricRegistry metrics;

    public Builder status(ClusterStatus s) {
      this.status = s;
      return this;
    }

    public Builder bindHost(String host) {
      this.bindHost = Objects.requireNonNull(host);
      return this;
    }

    /** 0: any free port. */
    public Builder port(int p) {
      if (p < 0 || p > 65535) {
        throw new IllegalArgumentException("HTTP port must be 0..65535, got " + p);
      }
      this.port = p;
      return this;
    }

    /** Pages connected to the event stream at once (default 32); more get 503 and poll. */
    public Builder maxStreams(int n) {
      this.maxStreams = n;
      return this;
    }

    /**
     * Serves {@code body} at the relative path {@code name} (one path segment, e.g. "status.json"),
     * linked from the dashboard's header as {@code title}.
     */
    public Builder page(String name, String title, String contentType, Supplier<String> body) {
      if (name.contains("/") || ASSETS.containsKey(name)
          || List.of("events", "cluster.json", "links.json", "metrics").contains(name)) {
        throw new IllegalArgumentException("page name " + name + " is taken or not one path segment");
      }
      pages.put(name, new Page(title, contentType, body));
      return this;
    }

    /** Also serves {@code metrics}: this registry in the Prometheus text format. */
    public Builder metrics(MetricRegistry registry) {
      this.metrics = registry;
      return this;
    }

    public DashboardServer build() {
      return new DashboardServer(this);
    }
  }
}
