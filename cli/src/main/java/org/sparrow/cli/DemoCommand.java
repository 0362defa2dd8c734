package org.sparrow.cli;

import java.time.Duration;
import java.util.concurrent.Callable;
import org.sparrow.client.Job;
import org.sparrow.client.SparrowClient;
import org.sparrow.local.LocalCluster;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start a local cluster, run a workload through it and print a latency summary.")
final class DemoCommand implements Callable<Integer> {

  @picocli.CommandLine.Mixin
  LocalClusterShape shape;

  @Option(names = "--jobs", defaultValue = "1000", description = "Jobs to run (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--tasks", defaultValue = "4", description = "Tasks per job (default: ${DEFAULT-VALUE}).")
  int tasks;

  @Option(names = "--task-ms", defaultValue = "10", description = "Each task sleeps this long (default: ${DEFAULT-VALUE}).")
  int taskMs;

  @Option(names = "--warmup-jobs", defaultValue = "300",
      description = "Jobs run first and not counted, so the JIT has compiled the hot path (default: ${DEFAULT-VALUE}).")
  int warmupJobs;

  @Option(names = "--load", defaultValue = "0.5",
      description = "Offered load as a fraction of all slots busy (default: ${DEFAULT-VALUE}).")
  double load;

  @Option(names = "--hold",
      description = "Keep the cluster and its dashboard up after the workload, until Ctrl-C.")
  boolean hold;

  @picocli.CommandLine.Mixin
  HttpOptions http;

  @picocli.CommandLine.Mixin
  MetricsOption metrics;

  @Override
  public Integer call() throws Exception {
    if (shape.nodeMonitors < 1 || shape.slots < 1 || shape.schedulers < 1 || jobs < 1 || tasks < 1) {
      throw new IllegalArgumentException("--node-monitors, --slots, --schedulers, --jobs and --tasks must be at least 1"
          + " (got " + shape.nodeMonitors + ", " + shape.slots + ", " + shape.schedulers + ", " + jobs + ", " + tasks
          + ")");
    }
    if (taskMs < 0 || warmupJobs < 0) {
      throw new IllegalArgumentException("--task-ms and --warmup-jobs must not be negative");
    }
    http.validate();
    if (!(load > 0 && load < 1)) {
      throw new IllegalArgumentException("--load must be between 0 and 1 (exclusive), got " + load);
    }
    Logging.quiet();
    System.out.println("Starting a local cluster: embedded ZooKeeper, " + shape + "...");
    try (LocalCluster local = shape.builder().zkPort(0).clusterName("demo").metrics(metrics.on).build().start();
         SparrowClient client = SparrowClient.builder().zookeeper(local.connectString())
             .cluster("demo").app("demo").build().start();
         LiveDashboard dashboard = http.enabled()
             ? LiveDashboard.start(local.connectString(), "demo", http.bind, http.port, http.intervalMs) : null) {
      System.out.println("ZooKeeper at " + local.connectString() + "; schedulers: " + client.schedulerAddresses());
      if (dashboard != null) {
        System.out.println("Dashboard: " + dashboard.url());
      }
      metrics.printUrls(local, System.out);
      int totalSlots = shape.nodeMonitors * shape.slots;
      double jobsPerSecond = load * totalSlots / (tasks * Math.max(taskMs, 1) / 1000.0);
      System.out.printf("Running %d jobs of %d tasks x %d ms at %.0f jobs/s (%.0f%% of %d slots busy)...%n",
          jobs, tasks, taskMs, jobsPerSecond, load * 100, totalSlots);
      Job job = Job.of(tasks, "sleep", Integer.toString(taskMs));
      if (warmupJobs > 0) {
        System.out.printf("Warming up with %d jobs...%n", warmupJobs);
        new Workload(client, i -> job, warmupJobs, jobsPerSecond, 10_000).run(Duration.ofSeconds(120));
      }
      long start = System.nanoTime();
      LatencyReport report = new Workload(client, i -> job, jobs, jobsPerSecond, 10_000)
          .run(Duration.ofSeconds(120 + (long) (jobs / jobsPerSecond)));
      report.print(System.out, (System.nanoTime() - start) / 1e9);
      int code = report.failedJobs() == 0 && report.jobs() == jobs ? 0 : 1;
      if (hold) {
        System.out.println("Holding the cluster up" + (dashboard == null ? "" : " (dashboard: " + dashboard.url() + ")")
            + "; ZooKeeper at " + local.connectString() + ", cluster 'demo'. Ctrl-C stops it.");
        System.out.flush();
        Shutdown.awaitTermination(() -> org.sparrow.common.Closeables.closeAll(dashboard, client, local));
      }
      return code;
    }
  }
}
