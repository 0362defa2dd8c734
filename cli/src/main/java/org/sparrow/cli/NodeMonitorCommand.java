package org.sparrow.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparrow.common.Closeables;
import org.sparrow.common.FatalHandler;
import org.sparrow.nodemonitor.NodeMonitorConfig;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.nodemonitor.queue.QueuePolicies;
import org.sparrow.zk.ZkClusterDirectory;
import org.sparrow.zk.ZkDrainWatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sparrow nodemonitor}: one option per {@link NodeMonitorConfig} setting, initialised from
 * the record's defaults (so help shows them and they cannot drift); {@link #config()} is the
 * record. {@link NodeMonitorConfig#toArgs()} writes the same flags (the YARN AM's launch command).
 */
@Command(name = "nodemonitor", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run a node monitor: a worker with a fixed number of slots.")
final class NodeMonitorCommand implements Callable<Integer> {

  private static final NodeMonitorConfig DEFAULTS = NodeMonitorConfig.defaults();

  @Mixin
  DaemonOptions daemon;

  @Option(names = "--slots", paramLabel = "N",
      description = "Tasks run at once (default: available processors, here ${DEFAULT-VALUE}).")
  int slots = DEFAULTS.slots();

  @Option(names = "--internal-port", paramLabel = "PORT",
      description = "NodeMonitorInternalService port for schedulers (0 = any; default: ${DEFAULT-VALUE}).")
  int internalPort = DEFAULTS.internalPort();

  @Option(names = "--backend-port", paramLabel = "PORT",
      description = "NodeMonitorService port for application backends (0 = any; default: ${DEFAULT-VALUE}).")
  int backendPort = DEFAULTS.backendPort();

  @Option(names = "--attribute", paramLabel = "KEY=VALUE",
      description = "A label that job and task constraints can match (repeatable).")
  Map<String, String> attributes = new LinkedHashMap<>();

  @Option(names = "--allow-command",
      description = "Allow the 'command' task kind (shell commands). Off by default. Ports are not "
          + "authenticated yet: with this on, ANYONE who can reach a scheduler of the cluster or "
          + "this node monitor can run any shell command here as the user this daemon runs as.")
  boolean allowCommand = DEFAULTS.allowCommand();

  @Option(names = "--command-timeout-ms", paramLabel = "MS",
      description = "Kill a command task after this long (default: ${DEFAULT-VALUE}).")
  long commandTimeoutMs = DEFAULTS.commandTimeoutMs();

  @Option(names = "--max-output-bytes", paramLabel = "BYTES",
      description = "Bound on the command output and failure message reported per task (default: ${DEFAULT-VALUE}).")
  int maxOutputBytes = DEFAULTS.maxOutputBytes();

  @Option(names = "--drain-timeout-ms", paramLabel = "MS",
      description = "On SIGTERM, a drain call or the ZooKeeper drain znode: how long running tasks "
          + "may take to finish before the node monitor exits (default: ${DEFAULT-VALUE}).")
  long drainTimeoutMs = DEFAULTS.drainTimeoutMs();

  @Option(names = "--queue-policy", paramLabel = "NAME",
      description = "Queue policy of this node, overriding the cluster settings: fifo, priority, "
          + "weighted-fair or priority-weighted-fair (default: follow `sparrow settings --queue-policy`, fifo).")
  String queuePolicy = DEFAULTS.queuePolicy();

  @Option(names = "--get-tasks-timeout-ms", paramLabel = "MS",
      description = "How long claimed slots wait for a scheduler's getTasks answer before they go to "
          + "other schedulers' reservations (default: ${DEFAULT-VALUE}).")
  int getTasksTimeoutMs = DEFAULTS.getTasksTimeoutMs();

  @Option(names = "--slow-scheduler-backoff-ms", paramLabel = "MS",
      description = "How long a scheduler that missed the getTasks deadline lets other schedulers' "
          + "reservations go first (default: ${DEFAULT-VALUE}).")
  long slowSchedulerBackoffMs = DEFAULTS.slowSchedulerBackoffMs();

  @Option(names = "--late-answer-window-ms", paramLabel = "MS",
      description = "How long an unanswered getTasks is asked again for its answer (default: ${DEFAULT-VALUE}).")
  long lateAnswerWindowMs = DEFAULTS.lateAnswerWindowMs();

  @Option(names = "--cancel-tombstone-ttl-ms", paramLabel = "MS",
      description = "How long a cancelled job is remembered, to discard its late reservations "
          + "(default: ${DEFAULT-VALUE}).")
  long cancelTombstoneTtlMs = DEFAULTS.cancelTombstoneTtl().toMillis();

  @Option(names = "--connect-timeout-ms", paramLabel = "MS",
      description = "Connect timeout of calls to schedulers and backends (default: ${DEFAULT-VALUE}).")
  int connectTimeoutMs = DEFAULTS.connectTimeoutMs();

  @Option(names = "--rpc-timeout-ms", paramLabel = "MS",
      description = "Read timeout of calls to schedulers and backends (default: ${DEFAULT-VALUE}).")
  int rpcTimeoutMs = DEFAULTS.rpcTimeoutMs();

  /** The settings these options give; errors name the bad one (and list the queue policies). */
  NodeMonitorConfig config() {
    return NodeMonitorConfig.builder()
        .slots(slots)
        .bindHost(daemon.bindHost())
        .advertisedHost(daemon.advertisedHost())
        .internalPort(internalPort)
        .backendPort(backendPort)
        .metricsPort(daemon.metricsPort)
        .attributes(attributes)
        .allowCommand(allowCommand)
        .commandTimeoutMs(commandTimeoutMs)
        .maxOutputBytes(maxOutputBytes)
        .drainTimeoutMs(drainTimeoutMs)
        .queuePolicy(queuePolicy)
        .getTasksTimeoutMs(getTasksTimeoutMs)
        .slowSchedulerBackoffMs(slowSchedulerBackoffMs)
        .lateAnswerWindowMs(lateAnswerWindowMs)
        .cancelTombstoneTtl(java.time.Duration.ofMillis(cancelTombstoneTtlMs))
        .connectTimeoutMs(connectTimeoutMs)
        .rpcTimeoutMs(rpcTimeoutMs)
        .build()
        .checkedAgainst(QueuePolicies.defaults());
  }

  @Override
  public Integer call() throws Exception {
    NodeMonitorConfig config = config();  // before connecting: a bad setting fails at once
    ZkClusterDirectory directory = ZkClusterDirectory.builder()
        .connectString(daemon.zk).clusterName(daemon.cluster).build();
    directory.start();
    NodeMonitorDaemon nm;
    try {
      nm = NodeMonitorDaemon.builder().directory(directory).config(config)
          // A daemon process that cannot serve leaves the cluster and exits non-zero.
          .onFatal(FatalHandler.exitProcess())
          .build();
      nm.start();
      // Any thread of this process that ends on a fatal error (a pool worker included) too.
      Thread.setDefaultUncaughtExceptionHandler(org.sparrow.common.Guarded.uncaught(
          org.slf4j.LoggerFactory.getLogger(NodeMonitorDaemon.class), nm.fatalPath()));
    } catch (Exception e) {
      directory.close();
      throw e;
    }
    System.out.println("node monitor " + nm.id() + " running in cluster '" + daemon.cluster + "' with "
        + config.slots() + " slots, queue " + nm.queuePolicy() + " (schedulers: " + nm.internalAddress()
        + ", backends: " + nm.backendAddress() + ")");
    NodeMonitorDaemon started = nm;
    ZkDrainWatch drainWatch = ZkDrainWatch.start(directory.client(),
        directory.paths().drainNodeMonitor(nm.id()), request -> started.drain(request.timeoutMs()));
    // SIGTERM drains (0 = the --drain-timeout-ms); so do the drain znode and the drain call.
    return Shutdown.awaitDrained(() -> started.drain(0), nm.terminated(),
        () -> Closeables.closeAll(drainWatch, directory), Shutdown.exitStatusOf(nm.fatalPath()));
  }
}
