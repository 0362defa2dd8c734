package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.SparrowClient;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.local.LocalCluster;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * Every daemon's {@code /metrics}, found through its ZooKeeper entry, after real jobs: valid
 * Prometheus text (checked line by line against the format's rules) with the figures the issue
 * asks for under conventional names.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MetricsEndpointIT {

  private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern SAMPLE = Pattern.compile(
      "([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{((?:[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\",?)*)\\})?"
          + " (\\S+)( -?[0-9]+)?");
  private static final Pattern TYPE = Pattern.compile("# TYPE (\\S+) (counter|gauge|summary|histogram|untyped)");
  private static final Pattern HELP = Pattern.compile("# HELP (\\S+) .*");

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void everyDaemonServesValidPrometheusTextWithConventionalNames() throws Exception {
    try (LocalCluster local = LocalCluster.builder().nodeMonitors(2).slots(2).schedulers(1).metrics(true)
            .zkPort(0).clusterName("metrics").build().start();
         SparrowClient client = SparrowClient.builder().zookeeper(local.connectString()).cluster("metrics")
             .app("metrics-it").build().start();
         ZkClusterDirectory directory = ZkClusterDirectory.builder().connectString(local.connectString())
             .clusterName("metrics").build()) {
      directory.start();
      for (int i = 0; i < 20; i++) {
        client.submit(Job.of(2, "sleep", "5")).get(60, TimeUnit.SECONDS);
      }
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
          directory.nodeMonitors().snapshot().size() == 2 && directory.schedulers().snapshot().size() == 1);

      SchedulerInfo scheduler = directory.schedulers().snapshot().values().iterator().next();
      assertThat(scheduler.metricsPort()).isPositive();
      Map<String, String> s = validate(scrape(scheduler.host(), scheduler.metricsPort()));
      assertThat(s).containsEntry("sparrow_scheduler_scheduling_delay_seconds", "summary")
          .containsEntry("sparrow_scheduler_get_tasks_seconds", "summary")
          .containsEntry("sparrow_scheduler_jobs_submitted_total", "counter")
          .containsEntry("sparrow_scheduler_jobs_active", "gauge")
          .containsEntry("sparrow_scheduler_jobs_by_policy_total", "counter");
      String text = scrape(scheduler.host(), scheduler.metricsPort());
      assertThat(text).contains("sparrow_scheduler_jobs_submitted_total 20.0")
          .containsPattern("sparrow_scheduler_jobs_by_policy_total\\{policy=\"[a-z-]+\"} 20.0")
          .containsPattern("sparrow_scheduler_scheduling_delay_seconds\\{quantile=\"0.99\"} [0-9.E-]+");

      for (NodeMonitorInfo nm : directory.nodeMonitors().snapshot().values()) {
        assertThat(nm.metricsPort()).isPositive();
        Map<String, String> n = validate(scrape(nm.host(), nm.metricsPort()));
        assertThat(n).containsEntry("sparrow_nodemonitor_queue_reservations", "gauge")
            .containsEntry("sparrow_nodemonitor_tasks_running", "gauge")
            .containsEntry("sparrow_nodemonitor_slots", "gauge")
            .containsEntry("sparrow_nodemonitor_tasks_completed_total", "counter")
            .containsEntry("sparrow_nodemonitor_get_tasks_round_trip_seconds", "summary");
      }

      // File-based service discovery for Prometheus, generated from ZooKeeper.
      com.fasterxml.jackson.databind.JsonNode groups = prometheusSd(local);
      assertThat(groups).hasSize(3);
      Set<String> targets = new HashSet<>();
      groups.forEach(g -> targets.add(g.get("labels").get("sparrow_role").asText() + " " + g.get("targets").get(0).asText()));
      assertThat(targets).contains("scheduler " + scheduler.host() + ":" + scheduler.metricsPort());
      for (NodeMonitorInfo nm : directory.nodeMonitors().snapshot().values()) {
        assertThat(targets).contains("nodemonitor " + nm.host() + ":" + nm.metricsPort());
      }

      // On YARN the ApplicationMaster announces its HTTP port (its /metrics is there): one more target.
      try (org.sparrow.common.Registration<org.sparrow.common.ApplicationMasterInfo> am = directory.register(
          new org.sparrow.common.ApplicationMasterInfo("appattempt_1_0001_000001", "127.0.0.1", 8088))) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
            .until(() -> directory.applicationMaster().isPresent());
        com.fasterxml.jackson.databind.JsonNode withAm = prometheusSd(local);
        assertThat(withAm).hasSize(4);
        assertThat(withAm.get(0).get("labels").get("sparrow_role").asText()).isEqualTo("am");
        assertThat(withAm.get(0).get("targets").get(0).asText()).isEqualTo("127.0.0.1:8088");
      }
    }
  }

  /** What {@code workers --format prometheus-sd} prints for the cluster, parsed. */
  private static com.fasterxml.jackson.databind.JsonNode prometheusSd(LocalCluster local) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    int code;
    try {
      System.setOut(new java.io.PrintStream(out, true, "UTF-8"));
      code = org.sparrow.cli.SparrowCli.newCommandLine().execute("workers", "--zk", local.connectString(),
          "--cluster", "metrics", "--format", "prometheus-sd");
    } finally {
      System.setOut(original);
    }
    assertThat(code).as(out.toString("UTF-8")).isZero();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toString("UTF-8"));
  }

  private String scrape(String host, int port) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/metrics"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> t.startsWith("text/plain; version=0.0.4"));
    return r.body();
  }

  /**
   * Checks the text format's rules line by line; returns each family's declared type. Every
   * sample belongs to a family whose TYPE came first; counters' samples end in _total (or
   * _created), summaries' are the family name (with a quantile label), _count or _sum.
   */
  private static Map<String, String> validate(String text) {
    Map<String, String> types = new HashMap<>();
    Set<String> seenSamples = new HashSet<>();
    assertThat(text).endsWith("\n");
    for (String line : List.of(text.split("\n"))) {
      if (line.isEmpty()) {
        continue;
      }
      Matcher m;
      if ((m = TYPE.matcher(line)).matches()) {
        assertThat(types.put(m.group(1), m.group(2))).as("second TYPE for %s", m.group(1)).isNull();
        assertThat(m.group(1)).matches(NAME).startsWith("sparrow_");
      } else if (HELP.matcher(line).matches()) {
        continue;
      } else if (line.startsWith("#")) {
        fail("not a HELP or TYPE comment: " + line);
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String name = m.group(1);
        String value = m.group(4);
        if (!value.matches("NaN|[+-]Inf")) {
          Double.parseDouble(value);
        }
        String family = familyOf(name, types);
        assertThat(family).as("sample %s has no TYPE before it", line).isNotNull();
        String type = types.get(family);
        if (type.equals("counter")) {
          // The client writes a counter's family with its _total (as the 0.0.4 format allows).
          assertThat(name).as(line).matches(".*_(total|created)");
        } else if (type.equals("summary")) {
          assertThat(name).as(line).matches(family + "(_count|_sum|_created)?");
          if (name.equals(family)) {
            assertThat(m.group(3)).as(line).contains("quantile=\"");
          }
        }
        assertThat(seenSamples.add(name + "{" + m.group(3) + "}")).as("duplicate sample %s", line).isTrue();
      } else {
        fail("not a valid Prometheus text line: " + line);
      }
    }
    return types;
  }

  private static String familyOf(String sample, Map<String, String> types) {
    if (types.containsKey(sample)) {
      return sample;
    }
    for (String suffix : List.of("_total", "_created", "_count", "_sum", "_bucket")) {
      if (sample.endsWith("_created") && types.containsKey(sample.replaceAll("_created$", "_total"))) {
        return sample.replaceAll("_created$", "_total");
      }
      if (sample.endsWith(suffix) && types.containsKey(sample.substring(0, sample.length() - suffix.length()))) {
        return sample.substring(0, sample.length() - suffix.length());
      }
    }
    return null;
  }
}
