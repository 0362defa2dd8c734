package org.sparrow.cli;

import java.util.concurrent.Callable;
import org.sparrow.local.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "local", mixinStandardHelpOptions = true,
    description = "Run a whole cluster on this machine: embedded ZooKeeper, node monitors, schedulers.")
final class LocalCommand implements Callable<Integer> {

  @picocli.CommandLine.Mixin
  LocalClusterShape shape;

  @Option(names = "--zk-port", defaultValue = "2181", description = "ZooKeeper port, 0 = any free (default: ${DEFAULT-VALUE}).")
  int zkPort;

  @Option(names = "--cluster", defaultValue = "default", description = "Cluster name (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(names = "--allow-command", description = "Let node monitors run the 'command' task kind. "
      + "Ports are not authenticated yet: ANYONE who can reach a scheduler or node monitor port "
      + "(127.0.0.1 only, in local mode) can then run shell commands as your user.")
  boolean allowCommand;

  @picocli.CommandLine.Mixin
  HttpOptions http;

  @picocli.CommandLine.Mixin
  MetricsOption metrics;

  @Override
  public Integer call() throws Exception {
    http.validate();
    LocalCluster local = shape.builder()
        .zkPort(zkPort).clusterName(cluster).allowCommand(allowCommand).metrics(metrics.on)
        .build();
    local.start();
    LiveDashboard dashboard = null;
    if (http.enabled()) {
      try {
        dashboard = LiveDashboard.start(local.connectString(), cluster, http.bind, http.port, http.intervalMs);
      } catch (Exception e) {
        local.close();
        throw e;
      }
    }
    System.out.println("Local Sparrow cluster '" + cluster + "' is up: " + shape + ".");
    System.out.println("ZooKeeper: " + local.connectString());
    if (dashboard != null) {
      System.out.println("Dashboard: " + dashboard.url());
    }
    local.schedulers().forEach(s -> System.out.println("scheduler: " + s.address()));
    metrics.printUrls(local, System.out);
    System.out.println("Try: bin/sparrow workers --zk " + local.connectString() + " --cluster " + cluster);
    System.out.println("     bin/sparrow submit --zk " + local.connectString() + " --cluster " + cluster
        + " --tasks 8 --kind sleep --arg 50 --jobs 100");
    System.out.println("Ctrl-C stops everything.");
    System.out.flush();
    LiveDashboard started = dashboard;
    Shutdown.awaitTermination(() -> org.sparrow.common.Closeables.closeAll(started, local));
    return 0;
  }
}
