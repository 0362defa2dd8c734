package org.sparrow.am.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparrow.am.AmSettings;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.ContainerShape;
import org.sparrow.am.Provisioner;
import org.sparrow.am.Role;
import org.sparrow.am.StatusService;
import org.sparrow.common.Clock;
import org.sparrow.common.Closeables;
import org.sparrow.status.ClusterStatus;
import org.sparrow.status.DashboardServer;
import org.sparrow.common.InMemoryClusterDirectory;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TEnqueueResult;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TReservation;

/** The tracking URL over real HTTP, with loads read over real Thrift from a stub node monitor. */
class AmPagesTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONTAINER = "container_1_0001_01_000002";

  private final InMemoryClusterDirectory directory = new InMemoryClusterDirectory("st");
  private ThriftServer nodeMonitor;
  private ClusterStatus cluster;
  private DashboardServer http;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeEach
  void setUp() throws Exception {
    NodeMonitorInternalService.Iface stub = new NodeMonitorInternalService.Iface() {
      @Override
      public TEnqueueResult enqueueReservations(List<TReservation> reservations) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<org.sparrow.thrift.TStopResult> killTasks(List<org.sparrow.thrift.TFullTaskId> tasks) {
        return List.of();
      }

      @Override
      public void cancelReservations(List<String> requestIds, String nodeMonitorBootId) {}

      @Override
      public void drain(long timeoutMs) {}

      @Override
      public TNodeLoad getLoad() {
        return new TNodeLoad("ignored", 4, 3, 2, 99);
      }
    };
    nodeMonitor = ThriftServer.builder("stub-nm", new NodeMonitorInternalService.Processor<>(stub))
        .bindHost("127.0.0.1").port(0).build().start();
    int deadPort;
    try (ServerSocket s = new ServerSocket(0)) {
      deadPort = s.getLocalPort();
    }
    directory.register(new NodeMonitorInfo("127.0.0.1:" + nodeMonitor.port(), "127.0.0.1", nodeMonitor.port(), 5000,
        4, Map.of(AmSettings.CONTAINER_ATTRIBUTE, CONTAINER), Set.of(), false));
    directory.register(new NodeMonitorInfo("127.0.0.1:" + deadPort, "127.0.0.1", deadPort, 5001, 2, Map.of(),
        Set.of(), false));
    directory.register(new SchedulerInfo("127.0.0.1:20503", "127.0.0.1", 20503, 20507));

    Provisioner provisioner = new Provisioner(Map.of(Role.NODE_MONITOR, 1),
        Map.of(Role.SCHEDULER, new ContainerShape(512, 1), Role.NODE_MONITOR, new ContainerShape(1024, 1)), 3,
        Clock.system());
    provisioner.registered(new ContainerShape(8192, 8), List.of(new ContainerRef(CONTAINER, "127.0.0.1",
        "127.0.0.1:8041", Role.NODE_MONITOR, new ContainerShape(1024, 1))));
    AmSettings settings = AmSettings.fromProperties(props());
    cluster = ClusterStatus.builder().directory(directory).probesOverThrift(1_000).build().start();
    StatusService status = new StatusService("appattempt_1_0001_000001", settings, provisioner::snapshot, cluster,
        Clock.system());
    http = AmPages.start(cluster, status, "127.0.0.1", 0);
  }

  private static java.util.Properties props() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty(AmSettings.ZOOKEEPER, "127.0.0.1:2181");
    p.setProperty(AmSettings.CLUSTER, "st");
    return p;
  }

  @AfterEach
  void tearDown() {
    Closeables.closeAll(http, cluster, nodeMonitor);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void jsonListsContainersDaemonsAndLoads() throws Exception {
    HttpResponse<String> response = get("/status.json");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode root = JSON.readTree(response.body());
    assertThat(root.get("cluster").asText()).isEqualTo("st");
    JsonNode nmRole = root.get("roles").get(1);
    assertThat(nmRole.get("role").asText()).isEqualTo("node monitor");
    assertThat(nmRole.get("containers").get(0).get("daemonId").asText()).isEqualTo("127.0.0.1:" + nodeMonitor.port());
    assertThat(nmRole.get("containers").get(0).get("state").asText()).isEqualTo("RUNNING");

    JsonNode nms = root.get("nodeMonitors");
    assertThat(nms).hasSize(2);
    JsonNode live = nms.findParents("container").stream()
        .filter(n -> CONTAINER.equals(n.get("container").asText())).findFirst().orElseThrow();
    assertThat(live.get("load").get("runningTasks").asInt()).isEqualTo(3);
    assertThat(live.get("load").get("queuedReservations").asInt()).isEqualTo(2);
    assertThat(live.get("load").get("completedTasks").asLong()).isEqualTo(99);
    JsonNode dead = nms.findParents("container").stream()
        .filter(n -> n.get("container").isNull()).findFirst().orElseThrow();
    assertThat(dead.get("load").isNull()).isTrue();
    assertThat(dead.get("loadError").asText()).isNotBlank();
    assertThat(root.get("schedulers").get(0).get("id").asText()).isEqualTo("127.0.0.1:20503");
  }

  @Test
  void htmlShowsTheSameAndLinksTheJsonRelatively() throws Exception {
    HttpResponse<String> response = get("/containers.html");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("href=\"./\"", "<h1>Sparrow cluster <code>st</code></h1>", "href=\"status.json\"",
        CONTAINER, "<td>3</td><td>2</td><td>99</td>", "load unknown", "Schedulers in ZooKeeper: 1");
  }

  @Test
  void theTrackingUrlIsTheLiveDashboardLinkingTheAmPages() throws Exception {
    assertThat(get("/").body()).contains("dashboard.js");
    assertThat(get("/links.json").body()).contains("containers.html", "status.json");
    assertThat(get("/cluster.json").body()).contains("\"runningTasks\":3");
    assertThat(get("/metrics").body()).contains("sparrow_am_cluster_slots 6.0", "sparrow_am_container_failures 0.0");
  }

  @Test
  void unknownPathsAre404() throws Exception {
    assertThat(get("/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void htmlEscapesWhatItShows() {
    assertThat(HtmlPage.esc("<a href='x'>&\"")).isEqualTo("&lt;a href=&#39;x&#39;&gt;&amp;&quot;");
  }
}
