package org.sparrow.cli;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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

  @Override
  public Integer call() {
    Logging.quiet();
    try (ZkClusterDirectory directory = cluster.directory();
         ClientPool<NodeMonitorInternalService.Client> pool =
             ClientPool.builder(NodeMonitorInternalService.Client::new).socketTimeoutMs(2_000).build()) {
      List<NodeMonitorInfo> nodes = directory.nodeMonitors().snapshot().values().stream()
          .sorted(Comparator.comparing(NodeMonitorInfo::id)).toList();
      System.out.printf("%d node monitors in cluster '%s', %d schedulers%n", nodes.size(), cluster.cluster,
          directory.schedulers().snapshot().size());
      System.out.printf("%-24s %5s %7s %6s %10s %-22s  %s%n", "NODE MONITOR", "SLOTS", "RUNNING", "QUEUED",
          "COMPLETED", "QUEUE POLICY", "ATTRIBUTES / BACKEND APPS");
      Map<String, int[]> users = new TreeMap<>();
      for (NodeMonitorInfo nm : nodes) {
        String running = "?";
        String queued = "?";
        String completed = "unreachable";
        String queue = "?";
        try {
          TNodeLoad load = pool.call(nm.internalAddress(), NodeMonitorInternalService.Client::getLoad);
          running = Integer.toString(load.getRunningTasks());
          queued = Integer.toString(load.getQueuedReservations());
          completed = Long.toString(load.getCompletedTasks());
          if (load.isSetQueuePolicy()) {
            queue = load.getQueuePolicy();
          }
          if (load.isSetUsers()) {
            load.getUsers().forEach((u, l) -> {
              int[] sum = users.computeIfAbsent(u, k -> new int[2]);
              sum[0] += l.getQueuedReservations();
              sum[1] += l.getRunningTasks();
            });
          }
        } catch (Exception e) {
          // Shown as unreachable: a registered node that cannot be probed is worth seeing.
        }
        String attributes = nm.attributes().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
            .sorted().collect(Collectors.joining(","));
        String apps = nm.backendApps().isEmpty() ? "" : " apps=" + String.join(",", nm.backendApps());
        System.out.printf("%-24s %5d %7s %6s %10s %-22s  %s%s%s%n", nm.id(), nm.slots(), running, queued, completed, queue,
            attributes, apps, nm.commandEnabled() ? " command" : "");
      }
      if (!users.isEmpty()) {
        System.out.printf("%nper user, all node monitors:%n%-24s %7s %6s%n", "USER", "RUNNING", "QUEUED");
        users.forEach((u, sum) -> System.out.printf("%-24s %7d %6d%n", u.isEmpty() ? "(none)" : u, sum[1], sum[0]));
      }
    }
    return 0;
  }
}
