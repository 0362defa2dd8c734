package org.sparrow.cli;

import java.util.concurrent.Callable;
import org.sparrow.common.FatalHandler;
import org.sparrow.scheduler.SchedulerConfig;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "scheduler", mixinStandardHelpOptions = true,
    description = "Run a scheduler: accepts jobs from frontends, places reservations on node monitors.")
final class SchedulerCommand implements Callable<Integer> {

  @Mixin
  DaemonOptions daemon;

  @Option(names = "--port", defaultValue = "20503",
      description = "SchedulerService port for frontends (0 = any free port; default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--internal-port", defaultValue = "20507",
      description = "SchedulerInternalService port for node monitors (0 = any; default: ${DEFAULT-VALUE}).")
  int internalPort;

  @Option(names = "--drain-timeout-ms", defaultValue = "60000",
      description = "On SIGTERM or the ZooKeeper drain znode: how long active jobs may take to finish "
          + "before the scheduler exits (default: ${DEFAULT-VALUE}).")
  long drainTimeoutMs;

  @Override
  public Integer call() throws Exception {
    ZkClusterDirectory directory = ZkClusterDirectory.builder()
        .connectString(daemon.zk).clusterName(daemon.cluster).build();
    directory.start();
    SchedulerDaemon scheduler;
    try {
      SchedulerConfig config = SchedulerConfig.builder()
          .bindHost(daemon.bindHost())
          .advertisedHost(daemon.advertisedHost())
          .port(port)
          .internalPort(internalPort)
          .build();
      scheduler = SchedulerDaemon.builder().directory(directory).config(config)
          // A daemon process that cannot serve leaves the cluster and exits non-zero.
          .onFatal(FatalHandler.exitProcess())
          .drain(drainTimeoutMs, 1_000)
          .metricsPort(daemon.metricsPort)
          .build();
      scheduler.start();
    } catch (Exception e) {
      directory.close();
      throw e;
    }
    System.out.println("scheduler " + scheduler.id() + " running in cluster '" + daemon.cluster
        + "' (frontends: " + scheduler.address() + ", node monitors: " + scheduler.internalAddress() + ")");
    SchedulerDaemon started = scheduler;
    // SIGTERM drains: new jobs are refused (clients resubmit elsewhere), active ones finish; the
    // drain znode does the same (the daemon watches it). Either way the process exits 0.
    Shutdown.awaitDrained(() -> {
      try {
        started.drain(started.drainTimeoutMs());
      } catch (IllegalStateException e) {
        // already closed
      }
      return started.drained();
    }, started.drained(), directory);
    return 0;
  }
}
