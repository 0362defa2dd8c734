package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.common.InMemoryClusterDirectory;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.UserLoad;
import org.sparrow.status.ClusterStatus;
import org.sparrow.status.DashboardServer;

/**
 * The dashboard stays usable with 200 node monitors at 1280x800, in a real headless Chromium:
 * the real page, HTTP server, event stream and sampler, fed by 200 members whose load moves
 * every sample (a local cluster of 200 daemons would not start in reasonable time on CI's two
 * cores; what is under test here is the page's layout). Leaves target/dashboard-200.png.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class DashboardLayoutIT {

  private static final int NODES = 200;
  private static final int SLOTS = 4;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String TILES = "Array.from(document.querySelectorAll('#tiles .tile'))";

  @Test
  void twoHundredNodeMonitorsFitAt1280x800WithTotalsAndChartsInView() throws Exception {
    assumeTrue(HeadlessChromium.binary() != null || System.getenv("CI") != null,
        "no chromium installed (CI installs it)");
    InMemoryClusterDirectory directory = new InMemoryClusterDirectory("layout");
    for (int i = 0; i < NODES; i++) {
      directory.register(new NodeMonitorInfo(String.format("10.0.%d.%d:20501", i / 100, i % 100), "10.0.0.1",
          20501, 20502, SLOTS, Map.of(), Set.of(), false));
    }
    AtomicLong round = new AtomicLong();
    try (ClusterStatus status = ClusterStatus.builder().directory(directory)
            .loadProbe(node -> {
              // Load that differs by node and moves every sample, with two users.
              int i = node.id().hashCode() & 0x7fffffff;
              int busy = (int) ((i + round.get()) % (SLOTS + 1));
              return CompletableFuture.completedFuture(new NodeLoad(SLOTS, busy, 0, (i % 3), round.get() * 10, 0,
                  busy == 0 ? Map.of() : Map.of("alice", new UserLoad(i % 3, busy))));
            })
            .schedulerStatsProbe(s -> CompletableFuture.failedFuture(new IllegalStateException("no schedulers")))
            .intervalMs(500).build().start();
         DashboardServer server = DashboardServer.builder().status(status).bindHost("127.0.0.1").port(0).build()
             .start();
         HeadlessChromium browser = new HeadlessChromium(1280, 800)) {
      status.addListener(s -> round.incrementAndGet());
      browser.navigate(server.url());

      await().atMost(WAIT).until(() -> browser.eval(TILES + ".length").asInt() == NODES);
      assertThat(browser.eval("document.getElementById('t-nodes').textContent").asText())
          .isEqualTo(Integer.toString(NODES));
      // Tiles switch to their compact form, and the numbers in them change from sample to sample.
      assertThat(browser.eval("document.getElementById('tiles').classList.contains('compact')").asBoolean()).isTrue();
      String first = browser.eval(TILES + ".map(t => t.dataset.busy).join()").asText();
      await().atMost(WAIT).until(() -> !browser.eval(TILES + ".map(t => t.dataset.busy).join()").asText().equals(first));

      // No horizontal scrolling; the totals, both charts and the tile panel start within the
      // first screen; the tiles scroll inside their own panel rather than stretching the page.
      assertThat(browser.eval("document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
          .as("horizontal overflow").isTrue();
      for (String id : new String[] {"totals", "c-tput", "c-resp", "tiles"}) {
        assertThat(browser.eval("(() => { const r = document.getElementById('" + id + "').getBoundingClientRect();"
            + " return r.width > 0 && r.height > 0 && r.top >= 0 && r.top < window.innerHeight"
            + " && r.right <= window.innerWidth; })()").asBoolean()).as(id + " in the first screen").isTrue();
      }
      assertThat(browser.eval("(() => { const t = document.getElementById('tiles');"
          + " return t.scrollHeight <= t.clientHeight || getComputedStyle(t).overflowY === 'auto'; })()").asBoolean())
          .isTrue();
      // Every tile is at least 40 px wide: readable, and the busy/total numbers fit.
      assertThat(browser.eval(TILES + ".every(t => t.getBoundingClientRect().width >= 40)").asBoolean()).isTrue();
      browser.screenshot(Path.of("target", "dashboard-200.png"));
    }
  }
}
