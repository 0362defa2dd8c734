package org.sparrow.cli;

import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "workers", mixinStandardHelpOptions = true,
    description = "List the node monitors registered in ZooKeeper with their slots, attributes and current load.")
final class WorkersCommand implements Callable<Integer> {

  @Mixin
  ClusterOptions cluster;

  @picocli.CommandLine.Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table, or prometheus-sd: a Prometheus file_sd_configs target list of every daemon's"
          + " /metrics (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    if (!List.of("table", "prometheus-sd").contains(format)) {
      throw new IllegalArgumentException("unknown --format '" + format + "'; valid: table, prometheus-sd");
    }
    Logging.quiet();
    if (format.equals("prometheus-sd")) {
      try (ZkClusterDirectory directory = cluster.directory()) {
        System.out.println(PrometheusSd.targets(cluster.cluster, directory.nodeMonitors().snapshot().values(),
            directory.schedulers().snapshot().values()));
      }
      return 0;
    }
    try (ZkClusterDirectory directory = cluster.directory();
         ClientPool<NodeMonitorInternalService.Client> pool =
             ClientPool.builder(NodeMonitorInternalService.Client::new).socketTimeoutMs(2_000).build()) {
      List<NodeMonitorInfo> nodes = directory.nodeMonitors().snapshot().values().stream()
          .sorted(Comparator.comparing(NodeMonitorInfo::id)).toList();
      System.out.printf("%d node monitors in cluster '%s', %d schedulers%n", nodes.size(), cluster.cluster,
          directory.schedulers().snapshot().size());
      System.out.printf("%-24s %5s %7s %6s %10s  %s%n", "NODE MONITOR", "SLOTS", "RUNNING", "QUEUED",
          "COMPLETED", "ATTRIBUTES / BACKEND APPS");
      for (NodeMonitorInfo nm : nodes) {
        String running = "?";
        String queued = "?";
        String completed = "unreachable";
        try {
          TNodeLoad load = pool.call(nm.internalAddress(), NodeMonitorInternalService.Client::getLoad);
          running = Integer.toString(load.getRunningTasks());
          queued = Integer.toString(load.getQueuedReservations());
          completed = Long.toString(load.getCompletedTasks());
        } catch (Exception e) {
          // Shown as unreachable: a registered node that cannot be probed is worth seeing.
        }
        String attributes = nm.attributes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .sorted().collect(Collectors.joining(","));
        String apps = nm.backendApps().isEmpty() ? "" : " apps=" + String.join(",", nm.backendApps());
        System.out.printf("%-24s %5d %7s %6s %10s  %s%s%s%n", nm.id(), nm.slots(), running, queued, completed,
            attributes, apps, nm.commandEnabled() ? " command" : "");
      }
    }
    return 0;
  }
}
