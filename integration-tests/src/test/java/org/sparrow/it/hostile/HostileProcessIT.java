package org.sparrow.it.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.it.process.DaemonProcess;
import org.sparrow.it.process.LaunchFlags;
import org.sparrow.it.process.ProcessCluster;
import org.sparrow.it.process.RssSampler;

/**
 * {@link HostileSuite}'s attacks on a scheduler and a node monitor that are separate processes
 * launched with {@code bin/sparrow}'s production flags (-Xmx96m / -Xmx48m and the rest; only the
 * idle timeout is shortened to {@value HostileSuite#IDLE_TIMEOUT_MS} ms). Their RSS is sampled
 * every 20 ms throughout and must stay within the bound derived from those flags
 * ({@link LaunchFlags#rssLimitBytes}); after each attack both processes still run and are still
 * registered. The peaks go to {@code target/hostile-rss.md} (docs/hostile-input.md has a run's).
 */
class HostileProcessIT extends HostileSuite {

  private final Map<String, String> peaksPerAttack = new LinkedHashMap<>();
  private ProcessCluster cluster;
  private RssSampler rss;

  @Override
  Started startDaemons() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "hostile-processes").toAbsolutePath());
    cluster = new ProcessCluster(dir, List.of("-D" + ThriftServer.IDLE_TIMEOUT_PROPERTY + "=" + IDLE_TIMEOUT_MS))
        .addScheduler(DaemonProcess.CLI_MAIN).addNodeMonitor(2).start();
    Map<DaemonProcess, LaunchFlags> sampled = new LinkedHashMap<>();
    for (DaemonProcess d : cluster.daemons()) {
      sampled.put(d, cluster.flagsOf(d));
    }
    rss = new RssSampler(sampled).start(Duration.ofMillis(20));
    return new Started(cluster.connectString(), ProcessCluster.CLUSTER, new HostileTarget(
        cluster.schedulerAddress(0), cluster.schedulerInternalAddress(0),
        cluster.nodeMonitorBackendAddress(0), cluster.nodeMonitorInternalAddress(0),
        cluster.scheduler(0).frameLimit("scheduler"), cluster.nodeMonitor(0).frameLimit("nodemonitor-internal")));
  }

  @Override
  void stopDaemons() throws Exception {
    try {
      if (rss != null) {
        StringBuilder report = new StringBuilder("| after attack | daemon | peak so far |\n|---|---|---|\n");
        peaksPerAttack.forEach((k, v) -> report.append(v));
        Files.writeString(Path.of("target", "hostile-rss.md"), report, StandardCharsets.UTF_8);
        System.out.print("HostileProcessIT RSS\n" + report);
        rss.close();
      }
    } finally {
      if (cluster != null) {
        cluster.close();
      }
    }
  }

  @Override
  void assertDaemonsSoundAfterTheAttack() {
    for (DaemonProcess d : cluster.daemons()) {
      assertThat(d.isAlive()).as("%s is running; its log ends:%n%s", d, d.logTail(40)).isTrue();
    }
    var directory = cluster.directory();
    assertThat(directory.schedulers().snapshot()).as("the scheduler is still registered")
        .containsKey(cluster.schedulerId(0));
    assertThat(directory.nodeMonitors().snapshot()).as("the node monitor is still registered")
        .containsKey(cluster.nodeMonitorId(0));
    assertThat(rss.overLimit()).as("RSS samples above the bound of the launch flags").isEmpty();
    String attack = "attack " + (peaksPerAttack.size() / 2 + 1);
    rss.peaks().forEach((daemon, peak) ->
        peaksPerAttack.put(attack + daemon, "| " + attack + " | " + daemon + " | " + peak + " |\n"));
  }
}
