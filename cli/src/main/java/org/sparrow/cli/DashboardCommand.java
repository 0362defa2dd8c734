package org.sparrow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
    description = "Serve the live web dashboard of a cluster (node monitors' load, schedulers, throughput, response times).")
final class DashboardCommand implements Callable<Integer> {

  @Mixin
  ClusterOptions cluster;

  @Mixin
  HttpOptions http;

  @Override
  public Integer call() throws Exception {
    http.validate();
    if (!http.enabled()) {
      throw new IllegalArgumentException("--http-port -1 turns the dashboard off; give a port, or 0 for any");
    }
    Logging.quiet();
    if (!cluster.schedulers.isEmpty()) {
      throw new IllegalArgumentException("the dashboard reads the membership from ZooKeeper: give --zk"
          + " (and --cluster), not --scheduler");
    }
    LiveDashboard dashboard = LiveDashboard.start(cluster.zk, cluster.cluster, http.bind, http.port, http.intervalMs);
    System.out.println("Dashboard of cluster '" + cluster.cluster + "': " + dashboard.url());
    System.out.println("Ctrl-C stops it.");
    System.out.flush();
    Shutdown.awaitTermination(dashboard);
    return 0;
  }
}
