package org.sparrow.it.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sparrow.it.process.DaemonProcess;
import org.sparrow.it.process.ProcessCluster;

/**
 * The fault suite's cluster: a {@link ProcessCluster#restartable} one (every daemon and ZooKeeper
 * its own process in a small JVM, restartable on the same ports) whose node monitors run {@code command} tasks and
 * drain for up to 20 s, with the suite's experiment switches read from system properties.
 */
final class FaultCluster {

  static final String CLUSTER = "faults";

  private FaultCluster() {}

  static ProcessCluster create(Path dir, int schedulerCount, int nodeMonitorCount, int slots)
      throws IOException {
    // -Dsparrow.faults.retriesFirst=false: the schedulers do not mark a retry's reservations, so
    // node monitors queue them as ordinary ones (the A side of the A/B in docs/reliability.md).
    List<String> schedulerJvm = Boolean.parseBoolean(System.getProperty("sparrow.faults.retriesFirst", "true"))
        ? List.of() : List.of("-Dsparrow.scheduler.retriesFirst=false");
    List<String> nodeMonitorArgs = new ArrayList<>(List.of("--allow-command", "--drain-timeout-ms", "20000"));
    // -Dsparrow.faults.nodeMonitorArgs="--get-tasks-timeout-ms 250": settings to compare.
    String extra = System.getProperty("sparrow.faults.nodeMonitorArgs", "").trim();
    if (!extra.isEmpty()) {
      nodeMonitorArgs.addAll(List.of(extra.split("\\s+")));
    }
    ProcessCluster cluster = ProcessCluster.restartable(dir, CLUSTER);
    for (int i = 0; i < schedulerCount; i++) {
      cluster.addScheduler(DaemonProcess.CLI_MAIN, schedulerJvm);
    }
    for (int i = 0; i < nodeMonitorCount; i++) {
      cluster.addNodeMonitor(slots, nodeMonitorArgs);
    }
    return cluster;
  }
}
