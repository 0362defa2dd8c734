package org.sparrow.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.Closeables;
import org.sparrow.common.InMemoryClusterDirectory;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;

/** The dashboard over real HTTP: assets, JSON, the event stream, extra pages. */
class DashboardServerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final InMemoryClusterDirectory directory = new InMemoryClusterDirectory("dash");
  private final AtomicInteger running = new AtomicInteger();
  private final HttpClient client = HttpClient.newHttpClient();
  private ClusterStatus status;
  private DashboardServer server;

  @BeforeEach
  void setUp() throws Exception {
    directory.register(new NodeMonitorInfo("nm:1", "127.0.0.1", 1, 2, 4, Map.of(), Set.of(), false));
    directory.register(new SchedulerInfo("s:1", "127.0.0.1", 3, 4));
    status = ClusterStatus.builder().directory(directory)
        .loadProbe(nm -> CompletableFuture.completedFuture(
            new NodeLoad(4, running.get(), 0, 1, 10, 0, Map.of(), 1, 5)))
        .schedulerStatsProbe(s -> CompletableFuture.failedFuture(new IllegalStateException("down")))
        .intervalMs(50).build().start();
    server = DashboardServer.builder().status(status).port(0)
        .page("extra.txt", "Extra", "text/plain", () -> "hello").build().start();
  }

  @AfterEach
  void tearDown() {
    Closeables.closeAll(server, status);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageItsAssetsAndRelativeLinksOnly() throws Exception {
    HttpResponse<String> page = get("");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("dashboard.js", "dashboard.css").doesNotContain("href=\"/", "src=\"/", "http");
    assertThat(get("dashboard.js").body()).contains("new EventSource('events')")
        .doesNotContain("fetch('/", "EventSource('/", "href=\"/", "http:", "https:");
    assertThat(get("dashboard.css").headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("text/css"));
    // Behind the RM proxy a prefix comes along: matched on the last segment.
    assertThat(get("proxy/application_1/dashboard.js").statusCode()).isEqualTo(200);
    assertThat(get("extra.txt").body()).isEqualTo("hello");
    assertThat(JSON.readTree(get("links.json").body()).get("extra.txt").asText()).isEqualTo("Extra");
    assertThat(get("nope").statusCode()).isEqualTo(404);
  }

  @Test
  void clusterJsonHasNodesSchedulersAndHistory() throws Exception {
    await().atMost(WAIT).until(() -> status.latest().history().size() >= 3);
    JsonNode root = JSON.readTree(get("cluster.json").body());
    assertThat(root.get("cluster").asText()).isEqualTo("dash");
    assertThat(root.get("nodeMonitors").get(0).get("load").get("queuedReservations").asInt()).isEqualTo(1);
    assertThat(root.get("nodeMonitors").get(0).get("load").get("suspendedTasks").asInt()).isEqualTo(1);
    assertThat(root.get("nodeMonitors").get(0).get("load").get("preemptions").asLong()).isEqualTo(5);
    assertThat(root.get("schedulers").get(0).get("statsError").asText()).contains("down");
    assertThat(root.get("totals").get("slots").asInt()).isEqualTo(4);
    assertThat(root.get("history").size()).isGreaterThanOrEqualTo(3);
  }

  @Test
  void eventStreamSendsTheSnapshotThenEveryUpdate() throws Exception {
    await().atMost(WAIT).until(() -> status.latest().history().size() >= 2);
    HttpResponse<InputStream> response = client.send(HttpRequest.newBuilder(URI.create(server.url() + "events")).build(),
        HttpResponse.BodyHandlers.ofInputStream());
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("text/event-stream"));
    try (BufferedReader in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      JsonNode first = JSON.readTree(nextData(in));
      assertThat(first.get("history").size()).isGreaterThanOrEqualTo(2);
      running.set(3);
      // Updates carry one history point each; the new load shows up within a few samples.
      await().atMost(WAIT).until(() -> {
        JsonNode update = JSON.readTree(nextData(in));
        assertThat(update.get("history").size()).isEqualTo(1);
        return update.get("totals").get("busySlots").asInt() == 3;
      });
      assertThat(server.connectedPages()).isEqualTo(1);
    }
  }

  private static String nextData(BufferedReader in) throws Exception {
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("data: ")) {
        return line.substring(6);
      }
    }
    throw new IllegalStateException("event stream ended");
  }
}
