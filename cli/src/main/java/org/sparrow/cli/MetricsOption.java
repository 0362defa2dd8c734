package org.sparrow.cli;

import java.io.PrintStream;
import org.sparrow.local.LocalCluster;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.scheduler.SchedulerDaemon;
import picocli.CommandLine.Option;

/** {@code --metrics} of the commands that run a whole cluster in this process (local, demo). */
final class MetricsOption {

  @Option(names = "--metrics",
      description = "Every daemon serves Prometheus /metrics on a free port of its address; the URLs are "
          + "printed and announced in ZooKeeper (see: workers --format prometheus-sd).")
  boolean on;

  void printUrls(LocalCluster local, PrintStream out) {
    if (!on) {
      return;
    }
    for (SchedulerDaemon s : local.schedulers()) {
      out.println("metrics: scheduler " + s.id() + " -> http://" + s.address().host() + ":" + s.metricsPort()
          + "/metrics");
    }
    for (NodeMonitorDaemon n : local.nodeMonitors()) {
      out.println("metrics: node monitor " + n.id() + " -> http://" + n.internalAddress().host() + ":"
          + n.metricsPort() + "/metrics");
    }
  }
}
