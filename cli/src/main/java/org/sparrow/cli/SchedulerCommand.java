package org.sparrow.cli;

import java.util.concurrent.Callable;
import org.sparrow.common.Closeables;
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

  @Override
  public Integer call() throws Exception {
    ZkClusterDirectory directory = ZkClusterDirectory.builder()
        .connectString(daemon.zk).clusterName(daemon.cluster).build();
    directory.start();
    SchedulerDaemon scheduler;
    try {
      scheduler = SchedulerDaemon.builder()
          .directory(directory)
          .bindHost(daemon.bind)
          .advertisedHost(daemon.advertisedHost())
          .port(port)
          .internalPort(internalPort)
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
    Shutdown.awaitTermination(() -> Closeables.closeAll(started, directory));
    return 0;
  }
}
