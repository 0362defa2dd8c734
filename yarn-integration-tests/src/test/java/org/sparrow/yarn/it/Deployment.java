package org.sparrow.yarn.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.zk.ZkClusterDirectory;

/** One Sparrow deployment on the test cluster, submitted and controlled through the real client. */
final class Deployment implements AutoCloseable {

  static final String CONTAINER_ATTRIBUTE = "yarn.container";
  static final Duration PATIENCE = Duration.ofSeconds(120);
  static final long DRAIN_TIMEOUT_MS = 8_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final EnumSet<YarnApplicationState> ENDED =
      EnumSet.of(YarnApplicationState.FINISHED, YarnApplicationState.FAILED, YarnApplicationState.KILLED);

  final YarnTestCluster yarn;
  final String cluster;
  final ApplicationId appId;
  final ZkClusterDirectory directory;
  final ClientRun submission;

  private Deployment(YarnTestCluster yarn, String cluster, ApplicationId appId, ClientRun submission) {
    this.yarn = yarn;
    this.cluster = cluster;
    this.appId = appId;
    this.submission = submission;
    this.directory = ZkClusterDirectory.builder().connectString(yarn.zkConnectString()).clusterName(cluster).build();
    directory.start();
  }

  /** Submits with small containers; the client itself waits until every daemon registered. */
  static Deployment submit(YarnTestCluster yarn, String cluster, int nodeMonitors, int schedulers,
      String... extraArgs) throws Exception {
    List<String> args = new ArrayList<>(List.of("submit", "--zk", yarn.zkConnectString(), "--cluster", cluster,
        "--node-monitors", Integer.toString(nodeMonitors), "--schedulers", Integer.toString(schedulers),
        "--slots", "2", "--timeout", "120",
        "-D", "sparrow.yarn.staging-dir=" + yarn.stagingDir.toUri(),
        "-D", "sparrow.yarn.node-monitor.memory-mb=256",
        "-D", "sparrow.yarn.scheduler.memory-mb=256",
        "-D", "sparrow.yarn.am.memory-mb=256",
        "-D", "sparrow.yarn.max-container-failures=3",
        // Short drains: a daemon that does not drain (or is idle) costs the suite seconds, not half a minute.
        "-D", "sparrow.yarn.drain-timeout-ms=" + DRAIN_TIMEOUT_MS));
    args.addAll(List.of(extraArgs));
    ClientRun run = ClientRun.run(yarn, args).assertSucceeded();
    String appLine = run.output().lines().filter(l -> l.startsWith("Submitted application_")).findFirst()
        .orElseThrow(() -> new AssertionError("no application id in:\n" + run.output()));
    ApplicationId appId = ApplicationId.fromString(appLine.split(" ")[1]);
    return new Deployment(yarn, cluster, appId, run);
  }

  ClientRun client(String command, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of(command, "--zk", yarn.zkConnectString(), "--cluster", cluster));
    args.addAll(List.of(more));
    return ClientRun.run(yarn, args);
  }

  /** Node monitors of this application in ZooKeeper, by id. */
  Map<String, NodeMonitorInfo> nodeMonitors() {
    return directory.nodeMonitors().snapshot().entrySet().stream()
        .filter(e -> belongsHere(e.getValue().attributes().get(CONTAINER_ATTRIBUTE)))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }

  Map<String, SchedulerInfo> schedulers() {
    return directory.schedulers().snapshot();
  }

  void awaitDaemons(int nodeMonitors, int schedulers) {
    await().atMost(PATIENCE).until(() -> nodeMonitors().size() == nodeMonitors && schedulers().size() == schedulers);
  }

  boolean belongsHere(String containerId) {
    if (containerId == null) {
      return false;
    }
    try {
      return ContainerId.fromString(containerId).getApplicationAttemptId().getApplicationId().equals(appId);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * Changes the wanted node monitors the way {@code sparrow yarn resize} does (it updates the
   * znode /sparrow/&lt;cluster&gt;/yarn), without the seconds a client JVM takes to start: a test
   * can resize at a chosen moment of its load.
   */
  void setNodeMonitors(int n) throws Exception {
    String path = "/sparrow/" + cluster + "/yarn";
    // A plain ZooKeeper client: the suite's Curator types are relocated in the sparrow jars.
    try (org.apache.zookeeper.ZooKeeper zk = new org.apache.zookeeper.ZooKeeper(yarn.zkConnectString(), 15_000, e -> {})) {
      await().atMost(PATIENCE).until(() -> zk.getState().isConnected());
      var state = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(zk.getData(path, false, null));
      state.put("nodeMonitors", n);
      zk.setData(path, JSON.writeValueAsBytes(state), -1);
    }
  }

  /** Where the client staged this application's jar and settings. */
  java.nio.file.Path stagingDir() {
    return yarn.stagingDir.resolve(appId.toString());
  }

  ApplicationReport report() throws Exception {
    return yarn.yarnClient().getApplicationReport(appId);
  }

  /** The JVMs of this application's containers (node monitors and schedulers), by container id. */
  Map<String, ProcessHandle> containerProcesses() {
    String marker = "-Dsparrow.yarn.container=";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .map(p -> Map.entry(p.info().commandLine().orElse(""), p))
        .filter(e -> e.getKey().contains(marker))
        .map(e -> {
          String rest = e.getKey().substring(e.getKey().indexOf(marker) + marker.length());
          return Map.entry(rest.split("\\s")[0], e.getValue());
        })
        .filter(e -> belongsHere(e.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));
  }

  /** The ApplicationMaster's JVM (it carries -Dsparrow.yarn.am=<cluster>). */
  Optional<ProcessHandle> amProcess() {
    String marker = "-Dsparrow.yarn.am=" + cluster + " ";
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
        .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false))
        .findFirst();
  }

  /** The AM's status JSON, from the tracking URL it registered. */
  JsonNode status() throws Exception {
    String url = report().getOriginalTrackingUrl();
    String base = url.endsWith("/") ? url : url + "/";
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "status.json"))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError("status.json answered " + r.statusCode() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  ApplicationReport awaitEnded() {
    await().atMost(PATIENCE).until(() -> ENDED.contains(report().getYarnApplicationState()));
    try {
      return report();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Nothing of this deployment is left: no container JVM, no AM, no znode. */
  void awaitGone() {
    await().atMost(PATIENCE).until(() -> containerProcesses().isEmpty() && amProcess().isEmpty()
        && nodeMonitors().isEmpty() && schedulers().isEmpty());
  }

  @Override
  public void close() throws Exception {
    yarn.captureLogs(appId.toString());
    try {
      if (!ENDED.contains(report().getYarnApplicationState())) {
        yarn.yarnClient().killApplication(appId);
        awaitEnded();
      }
      awaitGone();
    } finally {
      directory.close();
    }
  }
}
