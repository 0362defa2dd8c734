package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.cli.LiveDashboard;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;

/**
 * The live dashboard in a real headless Chromium: a local cluster runs a workload while the
 * test reads the rendered page (tiles, totals, the per-user panel of a two-user workload). CI installs Debian's chromium ({@code .ci/run}); elsewhere the
 * test is skipped when no browser is installed. Leaves a screenshot in target/dashboard.png.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DashboardBrowserIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** More node monitors for a showier screenshot: -Dsparrow.dashboard.nodeMonitors=24. */
  private static final int NODE_MONITORS = Integer.getInteger("sparrow.dashboard.nodeMonitors", 8);
  private static final int SLOTS = 4;
  private static final String TILES = "Array.from(document.querySelectorAll('#tiles .tile'))";

  @Test
  void tilesAppearChangeUnderLoadAndGoWhenANodeMonitorLeaves() throws Exception {
    assumeTrue(HeadlessChromium.binary() != null || System.getenv("CI") != null,
        "no chromium installed (CI installs it)");
    try (LocalCluster local = LocalCluster.builder().nodeMonitors(NODE_MONITORS).slots(SLOTS).schedulers(2)
            .zkPort(0).clusterName("browser").build().start();
         LiveDashboard dashboard = LiveDashboard.start(local.connectString(), "browser", "127.0.0.1", 0, 500);
         SparrowClient client = SparrowClient.builder().zookeeper(local.connectString()).cluster("browser")
             .app("browser-it").build().start();
         HeadlessChromium browser = new HeadlessChromium(1280, 800)) {
      browser.navigate(dashboard.url());

      // Every node monitor shows up as a tile, idle, and the event stream is live.
      await().atMost(WAIT).until(() -> browser.eval(TILES + ".length").asInt() == NODE_MONITORS);
      await().atMost(WAIT).until(() -> browser.eval("document.getElementById('conn-text').textContent").asText()
          .equals("live"));
      assertThat(browser.eval(TILES + ".map(t => t.dataset.slots).join()").asText())
          .isEqualTo(String.join(",", java.util.Collections.nCopies(NODE_MONITORS, Integer.toString(SLOTS))));
      assertThat(browser.eval("document.getElementById('t-nodes').textContent").asText())
          .isEqualTo(Integer.toString(NODE_MONITORS));

      // A steady workload of about 60% of the slots: the tiles' numbers move while it runs.
      List<CompletableFuture<JobResult>> jobs = new CopyOnWriteArrayList<>();
      ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
      double jobsPerSecond = 0.6 * NODE_MONITORS * SLOTS / (3 * 0.2);
      AtomicInteger submitted = new AtomicInteger();
      // Two users, alice sending three jobs for each of bob's: both show in the per-user panel.
      load.scheduleAtFixedRate(() -> {
        int n = submitted.getAndIncrement();
        jobs.add(client.submit(Job.builder().tasks(Job.of(3, "sleep", Integer.toString(100 + 50 * (n % 5))).tasks())
            .user(n % 4 == 3 ? "bob" : "alice").build()));
      }, 0, (long) (1e6 / jobsPerSecond), TimeUnit.MICROSECONDS);
      try {
        Set<String> seen = new HashSet<>();
        await().atMost(WAIT).until(() -> {
          String state = browser.eval(TILES + ".map(t => t.dataset.busy + ':' + t.dataset.queued).join()").asText();
          if (state.matches(".*[1-9].*")) {
            seen.add(state);
          }
          return seen.size() >= 4;
        });
        await().atMost(WAIT).until(() -> browser.eval("parseFloat(document.getElementById('t-tput').textContent) > 0 && "
            + TILES + ".filter(t => t.dataset.busy > 0).length >= " + Math.max(1, NODE_MONITORS / 2)).asBoolean());
        String users = "Array.from(document.querySelectorAll('#users .user'))";
        await().atMost(WAIT).until(() -> browser.eval("!document.getElementById('users-panel').hidden && "
            + users + ".filter(u => u.dataset.running > 0).map(u => u.dataset.user).sort().join() === 'alice,bob'")
            .asBoolean());
        // For the README's picture: -Dsparrow.dashboard.showSeconds=90 lets the charts fill first.
        long show = Long.getLong("sparrow.dashboard.showSeconds", 0);
        if (show > 0) {
          load.awaitTermination(show, TimeUnit.SECONDS);  // returns after show seconds: the load keeps running
        }
        browser.screenshot(Path.of("target", "dashboard.png"));
      } finally {
        load.shutdownNow();
        load.awaitTermination(30, TimeUnit.SECONDS);
      }
      CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);

      // A node monitor that leaves disappears from the page (and is listed as gone).
      NodeMonitorDaemon leaving = local.nodeMonitors().get(NODE_MONITORS - 1);
      String id = leaving.id();
      local.stopNodeMonitor(leaving);
      await().atMost(WAIT).until(() -> browser.eval(TILES + ".length").asInt() == NODE_MONITORS - 1);
      JsonNode ids = browser.eval(TILES + ".map(t => t.dataset.id)");
      List<String> shown = new ArrayList<>();
      ids.forEach(n -> shown.add(n.asText()));
      assertThat(shown).doesNotContain(id).hasSize(NODE_MONITORS - 1);
      await().atMost(WAIT).until(() -> browser.eval("document.getElementById('failures').textContent").asText()
          .contains("left the cluster"));
      // Finished work settles back to idle tiles.
      await().atMost(WAIT).until(() -> browser.eval(TILES + ".every(t => t.dataset.busy === '0')").asBoolean());
    }
  }
}
