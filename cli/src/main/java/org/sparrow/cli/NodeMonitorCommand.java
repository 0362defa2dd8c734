package org.sparrow.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparrow.common.Closeables;
import org.sparrow.common.FatalHandler;
import org.sparrow.nodemonitor.NodeMonitorConfig;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.zk.ZkClusterDirectory;
import org.sparrow.zk.ZkDrainWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "nodemonitor", mixinStandardHelpOptions = true,
    description = "Run a node monitor: a worker with a fixed number of slots.")
final class NodeMonitorCommand implements Callable<Integer> {

  @Mixin
  DaemonOptions daemon;

  @Option(names = "--slots", description = "Tasks run at once (default: available processors).")
  Integer slots;

  @Option(names = "--internal-port", defaultValue = "20502",
      description = "NodeMonitorInternalService port for schedulers (0 = any; default: ${DEFAULT-VALUE}).")
  int internalPort;

  @Option(names = "--backend-port", defaultValue = "20501",
      description = "NodeMonitorService port for application backends (0 = any; default: ${DEFAULT-VALUE}).")
  int backendPort;

  @Option(names = "--attribute", paramLabel = "KEY=VALUE",
      description = "A label that job and task constraints can match (repeatable).")
  Map<String, String> attributes = new LinkedHashMap<>();

  @Option(names = "--allow-command",
      description = "Allow the 'command' task kind (shell commands). Off by default. Ports are not "
          + "authenticated yet: with this on, ANYONE who can reach a scheduler of the cluster or "
          + "this node monitor can run any shell command here as the user this daemon runs as.")
  boolean allowCommand;

  @Option(names = "--command-timeout-ms", defaultValue = "60000",
      description = "Kill a command task after this long (default: ${DEFAULT-VALUE}).")
  long commandTimeoutMs;

  @Option(names = "--drain-timeout-ms", defaultValue = "30000",
      description = "On SIGTERM, a drain call or the ZooKeeper drain znode: how long running tasks "
          + "may take to finish before the node monitor exits (default: ${DEFAULT-VALUE}).")
  long drainTimeoutMs;

  @Option(names = "--queue-policy", paramLabel = "NAME",
      description = "Queue policy of this node, overriding the cluster settings: fifo, priority, "
          + "weighted-fair or priority-weighted-fair (default: follow `sparrow settings --queue-policy`, fifo).")
  String queuePolicy;

  @Option(names = "--get-tasks-timeout-ms", defaultValue = "1000",
      description = "How long claimed slots wait for a scheduler's getTasks answer before they go to "
          + "other schedulers' reservations (default: ${DEFAULT-VALUE}).")
  int getTasksTimeoutMs;

  @Override
  public Integer call() throws Exception {
    int slotCount = slots != null ? slots : Runtime.getRuntime().availableProcessors();
    if (slotCount < 1) {
      throw new IllegalArgumentException("--slots must be at least 1, got " + slotCount);
    }
    if (queuePolicy != null) {
      org.sparrow.nodemonitor.queue.QueuePolicies.defaults().get(queuePolicy);  // before connecting
    }
    NodeMonitorConfig config = NodeMonitorConfig.builder()
        .slots(slotCount)
        .bindHost(daemon.bindHost())
        .advertisedHost(daemon.advertisedHost())
        .internalPort(internalPort)
        .backendPort(backendPort)
        .attributes(attributes)
        .allowCommand(allowCommand)
        .commandTimeoutMs(commandTimeoutMs)
        .queuePolicy(queuePolicy)
        .build();
    ZkClusterDirectory directory = ZkClusterDirectory.builder()
        .connectString(daemon.zk).clusterName(daemon.cluster).build();
    directory.start();
    NodeMonitorDaemon nm;
    try {
      nm = NodeMonitorDaemon.builder().directory(directory).config(config)
          // A daemon process that cannot serve leaves the cluster and exits non-zero.
          .onFatal(FatalHandler.exitProcess())
          .drainTimeoutMs(drainTimeoutMs)
          .metricsPort(daemon.metricsPort)
          .getTasksTimeoutMs(getTasksTimeoutMs)
          .build();
      nm.start();
    } catch (Exception e) {
      directory.close();
      throw e;
    }
    System.out.println("node monitor " + nm.id() + " running in cluster '" + daemon.cluster + "' with "
        + slotCount + " slots, queue " + nm.queuePolicy() + " (schedulers: " + nm.internalAddress()
        + ", backends: " + nm.backendAddress() + ")");
    NodeMonitorDaemon started = nm;
    ZkDrainWatch drainWatch = ZkDrainWatch.start(directory.client(),
        directory.paths().drainNodeMonitor(nm.id()), request -> started.drain(request.timeoutMs()));
    // SIGTERM drains (0 = the --drain-timeout-ms); so do the drain znode and the drain call.
    Shutdown.awaitDrained(() -> started.drain(0), nm.terminated(),
        () -> Closeables.closeAll(drainWatch, directory));
    return 0;
  }
}
