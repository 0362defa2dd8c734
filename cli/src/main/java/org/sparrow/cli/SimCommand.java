package org.sparrow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.sparrow.sim.CsvReport;
import org.sparrow.sim.DurationDistribution;
import org.sparrow.sim.PolicyResult;
import org.sparrow.sim.QueueExperiments;
import org.sparrow.sim.ResponsePlot;
import org.sparrow.sim.SimConfig;
import org.sparrow.sim.Simulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "sim", mixinStandardHelpOptions = true,
    description = {"Simulate placement policies over simulated time, with the scheduler's placement "
        + "code and the node monitor's queue code, and print job response times per policy and load.",
        "Defaults: the Sparrow paper's simulation (10,000 workers x 4 slots, 100 tasks of exp(100 ms), "
            + "0.5 ms one-way delay, d = 2)."})
final class SimCommand implements Callable<Integer> {

  @Option(names = "--workers", defaultValue = "10000", description = "Node monitors (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--slots", defaultValue = "4", description = "Slots per node monitor (default: ${DEFAULT-VALUE}).")
  int slots;

  @Option(names = "--schedulers", defaultValue = "10",
      description = "Schedulers; jobs go to them round-robin (default: ${DEFAULT-VALUE}).")
  int schedulers;

  @Option(names = "--tasks-per-job", defaultValue = "100", description = "Tasks per job (default: ${DEFAULT-VALUE}).")
  int tasksPerJob;

  @Option(names = "--task-ms", defaultValue = "100", description = "Mean task duration (default: ${DEFAULT-VALUE}).")
  double taskMs;

  @Option(names = "--task-dist", defaultValue = "exp",
      description = "Task durations: constant, exp, uniform, bimodal (default: ${DEFAULT-VALUE}).")
  String taskDist;

  @Option(names = "--draw", defaultValue = "job",
      description = "Draw durations once per 'job' (a job's tasks equal) or per 'task' (default: ${DEFAULT-VALUE}).")
  String draw;

  @Option(names = "--load", split = ",", defaultValue = "0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95",
      description = "Load(s): fraction of all slots busy, comma-separated (default: ${DEFAULT-VALUE}).")
  List<Double> loads;

  @Option(names = "--policy", split = ",",
      description = "Policy or policies, comma-separated (default: all of them).")
  List<String> policies;

  @Option(names = "--jobs", defaultValue = "4000", description = "Jobs per point (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--warmup", defaultValue = "0.2",
      description = "Leading fraction of jobs not measured (default: ${DEFAULT-VALUE}).")
  double warmup;

  @Option(names = "--delay-ms", defaultValue = "0.5", description = "One-way network delay (default: ${DEFAULT-VALUE}).")
  double delayMs;

  @Option(names = "--probe-ratio", defaultValue = "2", description = "d (default: ${DEFAULT-VALUE}).")
  double probeRatio;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the trace and the schedulers (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", description = "Points simulated in parallel (default: number of cores).")
  Integer threads;

  @Option(names = "--csv", paramLabel = "FILE", description = "Write policy,load,p50_ms,p95_ms,p99_ms,mean_ms.")
  Path csv;

  @Option(names = "--plot", paramLabel = "FILE.png", description = "Draw response time against load per policy.")
  Path plot;

  @Option(names = "--queue-experiment", paramLabel = "priority|fair-share",
      description = "Run a queue-policy experiment instead of the load sweep: 'priority' (foreground "
          + "priority 0, 8 x 10 ms at 10% load, next to background priority 1, 8 x 100 ms at 120%) or "
          + "'fair-share' (two users each offering --load, weights from --users).")
  String queueExperiment;

  @Option(names = "--queue-policy", split = ",", defaultValue = "fifo,priority",
      description = "Node monitors' queue policies for --queue-experiment, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> queuePolicies;

  @Option(names = "--users", defaultValue = "alice:3,bob:1",
      description = "--queue-experiment fair-share: the two users and their weights (default: ${DEFAULT-VALUE}).")
  String users;

  @Option(names = "--duration-s", defaultValue = "10",
      description = "--queue-experiment: simulated seconds of arrivals (default: ${DEFAULT-VALUE}).")
  double durationS;

  @Override
  public Integer call() throws Exception {
    if (queueExperiment != null) {
      return runQueueExperiment();
    }
    boolean perTask = switch (draw.trim().toLowerCase(Locale.ROOT)) {
      case "task" -> true;
      case "job" -> false;
      default -> throw new IllegalArgumentException("--draw must be 'task' or 'job', got '" + draw + "'");
    };
    if (csv != null) {
      Validation.writableFile(csv, "--csv");
    }
    if (plot != null) {
      Validation.writableFile(plot, "--plot");
    }
    if (threads != null && threads < 1) {
      throw new IllegalArgumentException("--threads must be at least 1, got " + threads);
    }
    SimConfig config = new SimConfig(workers, slots, schedulers, tasksPerJob,
        Math.round(taskMs * 1e6), DurationDistribution.parse(taskDist), perTask, jobs, warmup,
        Math.round(delayMs * 1e6), probeRatio, seed);
    Simulator simulator = Simulator.withBuiltInPolicies();
    List<String> chosen = policies == null || policies.isEmpty() ? simulator.policyNames() : policies;
    int parallel = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "Simulating %d workers x %d slots, %d schedulers, %d tasks/job of %s(%.1f ms) drawn per %s, "
            + "%.2f ms one-way delay, d = %.2f, %d jobs per point (first %d not measured), seed %d%n",
        workers, slots, schedulers, tasksPerJob, config.distribution().wireName(), taskMs, perTask ? "task" : "job",
        delayMs, probeRatio, jobs, config.warmupJobs(), seed);
    System.out.printf("%-30s %5s %10s %10s %10s %10s %8s %8s%n", "policy", "load", "p50_ms", "p95_ms", "p99_ms",
        "mean_ms", "wall_s", "cpu_s");
    long start = System.nanoTime();
    List<PolicyResult> results = simulator.runAll(config, chosen, loads, parallel, r -> {
      synchronized (System.out) {
        System.out.printf(Locale.ROOT, "%-30s %5.2f %10.2f %10.2f %10.2f %10.2f %8.1f %8.1f%n", r.policy(), r.load(),
            r.stats().p50Millis(), r.stats().p95Millis(), r.stats().p99Millis(), r.stats().meanMillis(),
            r.wallNanos() / 1e9, r.cpuNanos() / 1e9);
      }
    });
    System.out.printf(Locale.ROOT, "done in %.1f s%n", (System.nanoTime() - start) / 1e9);
    if (csv != null) {
      CsvReport.write(csv, results);
      System.out.println("wrote " + csv);
    }
    if (plot != null) {
      ResponsePlot.write(plot, results, String.format(Locale.ROOT,
          "%d workers x %d slots, %d tasks/job, %s(%.0f ms) per %s, %.1f ms delay, d=%.1f",
          workers, slots, tasksPerJob, config.distribution().wireName(), taskMs, perTask ? "task" : "job", delayMs, probeRatio));
      System.out.println("wrote " + plot);
    }
    return 0;
  }

  private Integer runQueueExperiment() {
    SimConfig cluster = new SimConfig(workers, slots, schedulers, 8, Math.round(taskMs * 1e6),
        DurationDistribution.CONSTANT, true, 1, 0, Math.round(delayMs * 1e6), probeRatio, seed);
    System.out.printf(Locale.ROOT, "Queue experiment '%s': %d workers x %d slots, %d schedulers, %.2f ms one-way delay, "
        + "d = %.2f, %.1f s of arrivals, seed %d%n", queueExperiment, workers, slots, schedulers, delayMs,
        probeRatio, durationS, seed);
    switch (queueExperiment) {
      case "priority" -> {
        System.out.printf("%-24s %28s %28s %12s%n", "queue policy", "foreground idle p50/p99 ms",
            "with background p50/p99 ms", "ratio p50/p99");
        for (String policy : queuePolicies) {
          QueueExperiments.PriorityResult r = QueueExperiments.priority(cluster, policy, durationS);
          System.out.printf(Locale.ROOT, "%-24s %17.2f / %8.2f %17.2f / %8.2f %6.2f / %5.2f%n", policy,
              r.idle().p50Millis(), r.idle().p99Millis(), r.loaded().p50Millis(), r.loaded().p99Millis(),
              r.loaded().p50Millis() / r.idle().p50Millis(), r.loaded().p99Millis() / r.idle().p99Millis());
        }
      }
      case "fair-share" -> {
        String[] pair = users.split(",");
        if (pair.length != 2) {
          throw new IllegalArgumentException("--users takes two NAME:WEIGHT pairs, got '" + users + "'");
        }
        String[] a = pair[0].trim().split(":");
        String[] b = pair[1].trim().split(":");
        Map<String, String> raw = new java.util.LinkedHashMap<>();
        raw.put(a[0], a.length > 1 ? a[1] : "");
        raw.put(b[0], b.length > 1 ? b[1] : "");
        Map<String, Integer> w = SettingsCommand.parseWeights(raw);
        double offered = loads.size() == 1 ? loads.get(0) : 1.0;
        System.out.printf(Locale.ROOT, "each user offers %.2f of the slots; %s stops at half time%n", offered, b[0]);
        System.out.printf("%-24s %10s %10s %26s%n", "queue policy", a[0] + " share", b[0] + " share",
            a[0] + " whole cluster after (ms)");
        for (String policy : queuePolicies) {
          QueueExperiments.FairResult r = QueueExperiments.fairShare(cluster, policy, offered, durationS,
              a[0], w.get(a[0]), b[0], w.get(b[0]));
          System.out.printf(Locale.ROOT, "%-24s %9.1f%% %9.1f%% %26.0f%n", policy, 100 * r.alice(), 100 * r.bob(),
              r.catchUpMs());
        }
      }
      default -> throw new IllegalArgumentException("--queue-experiment must be 'priority' or 'fair-share', got '"
          + queueExperiment + "'");
    }
    return 0;
  }
}
