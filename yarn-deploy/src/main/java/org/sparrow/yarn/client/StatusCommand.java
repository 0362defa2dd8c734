package org.sparrow.yarn.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.sparrow.am.zk.DesiredState;
import org.sparrow.yarn.client.ClientOptions.Target;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the deployment: YARN state, tracking URL, containers and each node monitor's load.")
final class StatusCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long FETCH_BOUND_SECONDS = 15;

  @Mixin
  ClientOptions options;

  @Option(names = "--json", description = "Print the AM's status JSON as is.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Target target = options.target();
    try (Connections c = new Connections(target.zookeeper(), target.cluster())) {
      DesiredState recorded = c.deployment();
      ApplicationReport r = c.report(recorded.applicationId());
      PrintStream notes = json ? System.err : System.out;  // --json: stdout is the JSON alone
      // An ended application's tracking URL is the RM's HTML page about it (seen on Hadoop 3.4.2
      // after `yarn application -kill`), not the AM: no status page to read.
      boolean ended = AppWaiter.ENDED.contains(r.getYarnApplicationState());
      boolean readable = !ended && r.getOriginalTrackingUrl() != null && r.getOriginalTrackingUrl().startsWith("http");
      int exit = 0;
      if (json) {
        String amStatus = readable ? fetch(r.getOriginalTrackingUrl()) : null;
        System.out.println(amStatus != null ? amStatus : "{}");
        exit = amStatus != null ? 0 : 1;
      } else {
        // What YARN and ZooKeeper say first: on a busy client host each step takes seconds, and
        // an operator should not wait for the AM's page (or the sweep) to see any of it.
        System.out.println("Cluster:      " + target.cluster() + " (ZooKeeper " + target.zookeeper() + ")");
        System.out.println("Application:  " + r.getApplicationId() + " " + r.getYarnApplicationState()
            + " (final status " + r.getFinalApplicationStatus() + ")");
        System.out.println("Tracking URL: " + r.getTrackingUrl());
        System.out.println("Wanted:       " + recorded.nodeMonitors() + " node monitors, " + recorded.schedulers()
            + " schedulers" + (recorded.stopRequested() ? " (stop requested)" : ""));
        if (r.getDiagnostics() != null && !r.getDiagnostics().isBlank()) {
          System.out.println("Diagnostics:  " + r.getDiagnostics().strip());
        }
        if (recorded.failures() > 0) {
          System.out.println("Failures:     " + recorded.failures() + " container failures over every AM attempt");
        }
        System.out.flush();
        String amStatus = readable ? fetch(r.getOriginalTrackingUrl()) : null;
        if (amStatus == null) {
          System.out.println(ended ? "(the application has ended: no AM status page)" : "(the AM's status page is not reachable)");
        } else {
          print(JSON.readTree(amStatus));
        }
        System.out.flush();
      }
      // Clean-up last, so that it never delays the status itself.
      if (ended && Staging.remove(c.conf, recorded.stagingDir())) {
        // The AM of an ended application could not clean up (killed, or died on its last attempt).
        notes.println("Removed the staging directory " + recorded.stagingDir() + " left by the ended application");
      }
      // Then what other ended applications of this user left.
      StagingSweeper.sweep(c, options.properties(), recorded, notes);
      return exit;
    }
  }

  private static String fetch(String trackingUrl) {
    String base = trackingUrl.endsWith("/") ? trackingUrl : trackingUrl + "/";
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      // The request timeout covers the headers only; the outer bound covers the body too.
      HttpResponse<String> response = http.sendAsync(HttpRequest.newBuilder(URI.create(base + "status.json"))
          .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString())
          .get(FETCH_BOUND_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
      // Only the AM's JSON: a proxy or the RM may answer 200 with an HTML page.
      return response.statusCode() == 200 && response.body().strip().startsWith("{") ? response.body() : null;
    } catch (Exception e) {
      return null;
    }
  }

  private static void print(JsonNode s) {
    System.out.println("Failures:     " + s.path("failures").asInt() + " of at most " + s.path("maxFailures").asInt());
    for (JsonNode f : s.path("recentFailures")) {
      System.out.println("  " + f.asText());
    }
    for (JsonNode role : s.path("roles")) {
      System.out.printf("%n%s containers (%d wanted, %d asked for):%n", role.path("role").asText(),
          role.path("target").asInt(), role.path("pendingAsks").asInt());
      for (JsonNode c : role.path("containers")) {
        System.out.printf("  %-40s %-24s %-10s %5d MB %2d vcores  %s%n", c.path("id").asText(), c.path("host").asText(),
            c.path("state").asText(), c.path("memoryMb").asInt(), c.path("vcores").asInt(), c.path("daemonId").asText(""));
      }
    }
    System.out.printf("%nNode monitors in ZooKeeper: %d%n", s.path("nodeMonitors").size());
    System.out.printf("  %-28s %6s %8s %8s %10s%n", "id", "slots", "running", "queued", "completed");
    for (JsonNode nm : s.path("nodeMonitors")) {
      JsonNode load = nm.path("load");
      if (load.isObject()) {
        System.out.printf("  %-28s %6d %8d %8d %10d%n", nm.path("id").asText(), nm.path("slots").asInt(),
            load.path("runningTasks").asInt(), load.path("queuedReservations").asInt(),
            load.path("completedTasks").asLong());
      } else {
        System.out.printf("  %-28s %6d   load unknown: %s%n", nm.path("id").asText(), nm.path("slots").asInt(),
            nm.path("loadError").asText());
      }
    }
    if (s.path("autoscale").isTextual()) {
      System.out.printf("%nAutoscaling: %s%n", s.path("autoscale").asText());
      for (JsonNode d : s.path("autoscaleDecisions")) {
        System.out.printf("  %s  %d -> %d  %s%n", java.time.Instant.ofEpochMilli(d.path("atMillis").asLong()),
            d.path("from").asInt(), d.path("to").asInt(), d.path("reason").asText());
      }
    }
    System.out.printf("%nSchedulers in ZooKeeper: %d%n", s.path("schedulers").size());
    for (JsonNode sc : s.path("schedulers")) {
      System.out.println("  " + sc.path("id").asText() + " (frontends: port " + sc.path("port").asInt() + ")");
    }
  }
}
