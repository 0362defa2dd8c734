package org.sparrow.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "workers", mixinStandardHelpOptions = true,
    description = "List the node monitors registered in ZooKeeper with their slots, attributes and current load.")
final class WorkersCommand implements Callable<Integer> {

  @Mixin
  ClusterOptions cluster;

  @Mixin
  OutputOptions output;

  @Option(names = "--watch", description = "Print the table again every --interval-s until Ctrl-C.")
  boolean watch;

  @Option(names = "--interval-s", defaultValue = "2", description = "--watch: seconds between refreshes (default: ${DEFAULT-VALUE}).")
  double intervalS;

  @Option(names = "--count", description = "--watch: stop after this many refreshes (default: until Ctrl-C).")
  Integer count;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws InterruptedException {
    Logging.quiet();
    if (output.format("prometheus-sd").equals("prometheus-sd")) {
      try (ZkClusterDirectory directory = cluster.directory()) {
        PrintWriter sd = spec.commandLine().getOut();
        sd.println(PrometheusSd.targets(cluster.cluster, directory.nodeMonitors().snapshot().values(),
            directory.schedulers().snapshot().values(), directory.applicationMaster()));
        sd.flush();
      }
      return 0;
    }
    boolean json = output.isJson();
    if (!(intervalS > 0) || (count != null && count < 1)) {
      throw new IllegalArgumentException("--interval-s must be positive and --count at least 1");
    }
    PrintWriter out = spec.commandLine().getOut();
    // A terminal gets the table redrawn in place; a pipe or file gets one table after another.
    boolean redraw = watch && !json && System.console() != null;
    try (ZkClusterDirectory directory = cluster.directory();
         ClientPool<NodeMonitorInternalService.Client> pool =
             ClientPool.builder(NodeMonitorInternalService.Client::new).socketTimeoutMs(2_000).build()) {
      int rounds = watch ? (count != null ? count : Integer.MAX_VALUE) : 1;
      for (int round = 0; round < rounds; round++) {
        if (round > 0) {
          TimeUnit.MILLISECONDS.sleep(Math.round(intervalS * 1000));  // the refresh period itself
        }
        Map<String, Object> report = report(directory, pool);
        if (redraw) {
          out.print("\033[H\033[2J");
        }
        if (json) {
          out.print(watch ? Json.writeCompact(report) : Json.write(report));
        } else {
          printTable(out, report);
          if (watch && !redraw && round + 1 < rounds) {
            out.println();
          }
        }
        out.flush();
      }
    }
    return 0;
  }

  private Map<String, Object> report(ZkClusterDirectory directory, ClientPool<NodeMonitorInternalService.Client> pool) {
    List<NodeMonitorInfo> nodes = directory.nodeMonitors().snapshot().values().stream()
        .sorted(Comparator.comparing(NodeMonitorInfo::id)).toList();
    List<Map<String, Object>> rows = new ArrayList<>();
    Map<String, int[]> users = new java.util.TreeMap<>();
    for (NodeMonitorInfo nm : nodes) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", nm.id());
      row.put("slots", nm.slots());
      try {
        TNodeLoad load = pool.call(nm.internalAddress(), NodeMonitorInternalService.Client::getLoad);
        row.put("reachable", true);
        row.put("running", load.getRunningTasks());
        row.put("queued", load.getQueuedReservations());
        row.put("completed", load.getCompletedTasks());
        if (load.isSetQueuePolicy()) {
          row.put("queuePolicy", load.getQueuePolicy());
        }
        putPreemption(row, load);
        if (load.isSetUsers()) {
          Map<String, Object> byUser = new LinkedHashMap<>();
          new java.util.TreeMap<>(load.getUsers()).forEach((u, l) -> {
            byUser.put(u, Map.of("queued", l.getQueuedReservations(), "running", l.getRunningTasks()));
            int[] sum = users.computeIfAbsent(u, k -> new int[2]);
            sum[0] += l.getQueuedReservations();
            sum[1] += l.getRunningTasks();
          });
          row.put("users", byUser);
        }
      } catch (Exception e) {
        // Shown as unreachable: a registered node that cannot be probed is worth seeing.
        row.put("reachable", false);
      }
      row.put("attributes", new LinkedHashMap<>(new java.util.TreeMap<>(nm.attributes())));
      row.put("backendApps", List.copyOf(nm.backendApps()));
      row.put("commandEnabled", nm.commandEnabled());
      rows.add(row);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("cluster", cluster.cluster);
    report.put("schedulers", directory.schedulers().snapshot().size());
    report.put("nodeMonitors", rows);
    Map<String, Object> totals = new LinkedHashMap<>();
    users.forEach((u, sum) -> totals.put(u, Map.of("queued", sum[0], "running", sum[1])));
    report.put("users", totals);  // per user over every node monitor (queue policies share by user)
    return report;
  }

  /**
   * Tasks suspended now for a higher priority (not in "running") and suspensions so far; absent
   * for node monitors that predate the fields (printed as "-").
   */
  static void putPreemption(Map<String, Object> row, TNodeLoad load) {
    if (load.isSetSuspendedTasks()) {
      row.put("suspended", load.getSuspendedTasks());
    }
    if (load.isSetPreemptions()) {
      row.put("preemptions", load.getPreemptions());
    }
  }

  /** "suspended/preemptions" as the table shows it. */
  static String preemptionCell(Map<String, Object> row) {
    if (!(Boolean) row.get("reachable")) {
      return "?";
    }
    Object suspended = row.get("suspended");
    Object preemptions = row.get("preemptions");
    return (suspended == null ? "-" : suspended.toString()) + "/" + (preemptions == null ? "-" : preemptions.toString());
  }

  @SuppressWarnings("unchecked")
  static void printTable(PrintWriter out, Map<String, Object> report) {
    List<Map<String, Object>> rows = (List<Map<String, Object>>) report.get("nodeMonitors");
    out.printf("%d node monitors in cluster '%s', %d schedulers%n", rows.size(), report.get("cluster"),
        report.get("schedulers"));
    out.printf("%-24s %5s %7s %6s %10s %-22s %12s  %s%n", "NODE MONITOR", "SLOTS", "RUNNING", "QUEUED",
        "COMPLETED", "QUEUE POLICY", "SUSP/PREEMPT", "ATTRIBUTES / BACKEND APPS");
    for (Map<String, Object> row : rows) {
      boolean reachable = (Boolean) row.get("reachable");
      String attributes = ((Map<String, String>) row.get("attributes")).entrySet().stream()
          .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
      List<String> apps = (List<String>) row.get("backendApps");
      out.printf("%-24s %5d %7s %6s %10s %-22s %12s  %s%s%s%n", row.get("id"), row.get("slots"),
          reachable ? row.get("running") : "?", reachable ? row.get("queued") : "?",
          reachable ? row.get("completed") : "unreachable", row.getOrDefault("queuePolicy", "?"),
          preemptionCell(row), attributes,
          apps.isEmpty() ? "" : " apps=" + String.join(",", apps),
          (Boolean) row.get("commandEnabled") ? " command" : "");
    }
    Map<String, Map<String, Integer>> users = (Map<String, Map<String, Integer>>) report.get("users");
    if (!users.isEmpty()) {
      out.printf("%nper user, all node monitors:%n%-24s %7s %6s%n", "USER", "RUNNING", "QUEUED");
      users.forEach((u, l) -> out.printf("%-24s %7d %6d%n", u.isEmpty() ? "(none)" : u, l.get("running"),
          l.get("queued")));
    }
  }
}
