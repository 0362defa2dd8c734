package org.sparrow.cli;

import java.util.concurrent.Callable;
import org.sparrow.common.FatalHandler;
import org.sparrow.scheduler.SchedulerConfig;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code sparrow scheduler}: one option per {@link SchedulerConfig} setting, initialised from the
 * record's defaults (so help shows them and they cannot drift); {@link #config()} is the record.
 * {@link SchedulerConfig#toArgs()} writes the same flags (the YARN AM's launch command).
 */
@Command(name = "scheduler", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Run a scheduler: accepts jobs from frontends, places reservations on node monitors.")
final class SchedulerCommand implements Callable<Integer> {

  private static final SchedulerConfig DEFAULTS = SchedulerConfig.defaults();

  @Mixin
  DaemonOptions daemon;

  @Option(names = "--port", paramLabel = "PORT",
      description = "SchedulerService port for frontends (0 = any free port; default: ${DEFAULT-VALUE}).")
  int port = DEFAULTS.port();

  @Option(names = "--internal-port", paramLabel = "PORT",
      description = "SchedulerInternalService port for node monitors (0 = any; default: ${DEFAULT-VALUE}).")
  int internalPort = DEFAULTS.internalPort();

  @Option(names = "--drain-timeout-ms", paramLabel = "MS",
      description = "On SIGTERM or the ZooKeeper drain znode: how long active jobs may take to finish "
          + "before the scheduler exits (default: ${DEFAULT-VALUE}).")
  long drainTimeoutMs = DEFAULTS.drainTimeoutMs();

  @Option(names = "--drain-grace-ms", paramLabel = "MS",
      description = "At the end of a drain, between leaving ZooKeeper and closing, for the last "
          + "completion notices (default: ${DEFAULT-VALUE}).")
  long drainGraceMs = DEFAULTS.drainGraceMs();

  @Option(names = "--default-job-timeout-ms", paramLabel = "MS",
      description = "Deadline of jobs that set none, from submission; 0 = none (default: ${DEFAULT-VALUE}).")
  long defaultJobTimeoutMs = DEFAULTS.defaultJobTimeoutMs();

  @Option(names = "--max-tasks-per-job", paramLabel = "N",
      description = "Larger jobs are refused (default: ${DEFAULT-VALUE}).")
  int maxTasksPerJob = DEFAULTS.maxTasksPerJob();

  @Option(names = "--retained-jobs", paramLabel = "N",
      description = "Finished jobs whose status stays queryable, at most (default: ${DEFAULT-VALUE}).")
  int retainedJobs = DEFAULTS.retainedJobs();

  @Option(names = "--retain-finished-ms", paramLabel = "MS",
      description = "How long a finished job's status stays queryable (default: ${DEFAULT-VALUE}).")
  long retainFinishedMs = DEFAULTS.retainFinishedMs();

  @Option(names = "--liveness-interval-ms", paramLabel = "MS",
      description = "How often node monitors running this scheduler's tasks are pinged; the tasks of one "
          + "that stops answering are retried elsewhere (default: ${DEFAULT-VALUE}).")
  long livenessIntervalMs = DEFAULTS.livenessIntervalMs();

  @Option(names = "--ping-timeout-ms", paramLabel = "MS",
      description = "How long one liveness ping may take (default: ${DEFAULT-VALUE}).")
  int pingTimeoutMs = DEFAULTS.pingTimeoutMs();

  @Option(names = "--connect-timeout-ms", paramLabel = "MS",
      description = "Connect timeout of calls to node monitors and frontends (default: ${DEFAULT-VALUE}).")
  int connectTimeoutMs = DEFAULTS.connectTimeoutMs();

  @Option(names = "--frontend-timeout-ms", paramLabel = "MS",
      description = "How long one completion notice to a frontend may take (default: ${DEFAULT-VALUE}).")
  int frontendTimeoutMs = DEFAULTS.frontendTimeoutMs();

  @Option(names = "--max-queued-notices", paramLabel = "N",
      description = "Completion notices that may wait per frontend before new ones are dropped "
          + "(default: ${DEFAULT-VALUE}).")
  int maxQueuedNotices = DEFAULTS.maxQueuedNotices();

  @Option(names = "--rpc-threads", paramLabel = "N",
      description = "Threads for calls to node monitors (default: ${DEFAULT-VALUE}).")
  int rpcThreads = DEFAULTS.rpcThreads();

  @Option(names = "--server-threads", paramLabel = "N",
      description = "Worker threads of the frontend server; 0 = max(4, processors) (default: ${DEFAULT-VALUE}).")
  int serverThreads = DEFAULTS.serverThreads();

  @Option(names = "--tick-ms", paramLabel = "MS",
      description = "How often job deadlines and status retention are checked (default: ${DEFAULT-VALUE}).")
  long tickMs = DEFAULTS.tickMs();

  @Option(names = "--no-jmx", description = "Do not expose the metrics over JMX (they are, by default).")
  boolean noJmx = !DEFAULTS.jmx();

  /** The settings these options give; errors name the bad one. */
  SchedulerConfig config() {
    return SchedulerConfig.builder()
        .bindHost(daemon.bindHost())
        .advertisedHost(daemon.advertisedHost())
        .port(port)
        .internalPort(internalPort)
        .metricsPort(daemon.metricsPort)
        .drainTimeoutMs(drainTimeoutMs)
        .drainGraceMs(drainGraceMs)
        .defaultJobTimeoutMs(defaultJobTimeoutMs)
        .maxTasksPerJob(maxTasksPerJob)
        .retainedJobs(retainedJobs)
        .retainFinishedMs(retainFinishedMs)
        .livenessIntervalMs(livenessIntervalMs)
        .pingTimeoutMs(pingTimeoutMs)
        .connectTimeoutMs(connectTimeoutMs)
        .frontendTimeoutMs(frontendTimeoutMs)
        .maxQueuedNotices(maxQueuedNotices)
        .rpcThreads(rpcThreads)
        .serverThreads(serverThreads)
        .tickMs(tickMs)
        .jmx(!noJmx)
        .build();
  }

  @Override
  public Integer call() throws Exception {
    SchedulerConfig config = config();  // before connecting: a bad setting fails at once
    ZkClusterDirectory directory = ZkClusterDirectory.builder()
        .connectString(daemon.zk).clusterName(daemon.cluster).build();
    directory.start();
    SchedulerDaemon scheduler;
    try {
      scheduler = SchedulerDaemon.builder().directory(directory).config(config)
          // A daemon process that cannot serve leaves the cluster and exits non-zero.
          .onFatal(FatalHandler.exitProcess())
          .build();
      scheduler.start();
      // Any thread of this process that ends on a fatal error (a pool worker included) too.
      Thread.setDefaultUncaughtExceptionHandler(org.sparrow.common.Guarded.uncaught(
          org.slf4j.LoggerFactory.getLogger(SchedulerDaemon.class), scheduler.fatalPath()));
    } catch (Exception e) {
      directory.close();
      throw e;
    }
    System.out.println("scheduler " + scheduler.id() + " running in cluster '" + daemon.cluster
        + "' (frontends: " + scheduler.address() + ", node monitors: " + scheduler.internalAddress() + ")");
    SchedulerDaemon started = scheduler;
    // SIGTERM drains: new jobs are refused (clients resubmit elsewhere), active ones finish; the
    // drain znode does the same (the daemon watches it). Either way the process exits 0; after
    // the fatal path, 70.
    return Shutdown.awaitDrained(() -> {
      try {
        started.drain(started.drainTimeoutMs());
      } catch (IllegalStateException e) {
        // already closed
      }
      return started.terminated();
    }, started.terminated(), directory, Shutdown.exitStatusOf(started.fatalPath()));
  }
}
