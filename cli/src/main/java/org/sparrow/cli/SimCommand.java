package org.sparrow.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.sparrow.common.UserShares;
import org.sparrow.nodemonitor.queue.QueueConfig;
import org.sparrow.sim.CsvReport;
import org.sparrow.sim.DurationDistribution;
import org.sparrow.sim.PolicyResult;
import org.sparrow.sim.QueueExperiments;
import org.sparrow.sim.QueueSetup;
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

  @Option(names = "--queue-policy", split = ",", paramLabel = "NAME[,NAME...]",
      description = "Every node monitor's queue policy (as its --queue-policy): fifo, priority, weighted-fair, "
          + "priority-weighted-fair; several, comma-separated, are simulated side by side (default: fifo; "
          + "--queue-experiment priority: fifo,priority; fair-share: fifo,weighted-fair).")
  List<String> queuePolicies;

  @Option(names = "--weight", paramLabel = "USER=WEIGHT",
      description = "A user's weighted fair share weight, a whole number >= 1, as in 'sparrow settings' (repeatable). "
          + "--queue-experiment fair-share: the first two are its two users (default: alice=3, bob=1).")
  Map<String, String> weights;

  @Option(names = "--default-weight", paramLabel = "WEIGHT", defaultValue = "1",
      description = "Weight of users without a --weight (default: ${DEFAULT-VALUE}).")
  int defaultWeight;

  @Option(names = "--users", paramLabel = "NAME:SHARE[:pPRIORITY],...",
      description = "Who the jobs run for: each user's share of the job arrivals and its jobs' priority "
          + "(default p0; smaller runs first), e.g. alice:3,bob:1 or web:1:p0,batch:12:p1. "
          + "Prints, and --json writes under 'users', each user's throughput and response times.")
  String users;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path json;

  @Option(names = "--queue-experiment", paramLabel = "priority|fair-share",
      description = "Run a queue-policy experiment instead of the load sweep: 'priority' (foreground "
          + "priority 0, 8 x 10 ms at 10% load, next to background priority 1, 8 x 100 ms at 120%, and alone) or "
          + "'fair-share' (two users with the --weight weights each offering --load (default 1.0) in 8 x 100 ms "
          + "jobs with a bounded backlog; then the second stops).")
  String queueExperiment;

  @Option(names = "--duration-s",
      description = "--queue-experiment: simulated seconds of arrivals (priority, default 5) or of the "
          + "measurement window (fair-share, default 60).")
  Double durationS;

  @Option(names = "--max-outstanding", paramLabel = "JOBS",
      description = "--queue-experiment fair-share: a user's unfinished jobs beyond which its arrivals are "
          + "dropped, as bench --max-outstanding per generator (default: 4 x slots / 8).")
  Integer maxOutstanding;

  @Override
  public Integer call() throws Exception {
    QueueConfig queueWeights = new QueueConfig(weights == null ? Map.of()
        : SettingsCommand.parseWeights(weights), defaultWeight);
    if (json != null) {
      Validation.writableFile(json, "--json");
    }
    if (queueExperiment != null) {
      return runQueueExperiment(queueWeights);
    }
    if (maxOutstanding != null || durationS != null) {
      throw new IllegalArgumentException("--max-outstanding and --duration-s apply to --queue-experiment only");
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
    UserShares mix = UserShares.parse(users);
    List<QueueSetup> setups = new ArrayList<>();
    for (String q : queuePolicies == null ? List.of(QueueSetup.DEFAULTS.queuePolicy()) : queuePolicies) {
      setups.add(new QueueSetup(q, queueWeights, mix));  // an unknown name fails here, listing the valid ones
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
    if (!mix.isEmpty() || queuePolicies != null) {
      System.out.printf(Locale.ROOT, "node monitors' queue policy: %s; weights %s (others %d); users %s%n",
          String.join(",", setups.stream().map(QueueSetup::queuePolicy).toList()), queueWeights.weights(),
          queueWeights.defaultWeight(), mix.isEmpty() ? "none (anonymous jobs)" : mix);
    }
    System.out.printf("%-36s %5s %10s %10s %10s %10s %8s %8s%n", "policy", "load", "p50_ms", "p95_ms", "p99_ms",
        "mean_ms", "wall_s", "cpu_s");
    long start = System.nanoTime();
    List<PolicyResult> results = simulator.runAll(config, chosen, setups, loads, parallel, r -> {
      synchronized (System.out) {
        System.out.printf(Locale.ROOT, "%-36s %5.2f %10.2f %10.2f %10.2f %10.2f %8.1f %8.1f%n", r.label(), r.load(),
            r.stats().p50Millis(), r.stats().p95Millis(), r.stats().p99Millis(), r.stats().meanMillis(),
            r.wallNanos() / 1e9, r.cpuNanos() / 1e9);
        SimReport.printUsers(System.out, r, mix);
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
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("setup", setup(mix, queueWeights));
      List<Object> points = new ArrayList<>();
      results.forEach(r -> points.add(SimReport.point(r, mix)));
      doc.put("points", points);
      SimReport.write(json, doc);
      System.out.println("wrote " + json);
    }
    return 0;
  }

  private Map<String, Object> setup(UserShares mix, QueueConfig queueWeights) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workers", workers);
    m.put("slots", slots);
    m.put("schedulers", schedulers);
    if (queueExperiment == null) {
      m.put("tasks_per_job", tasksPerJob);
      m.put("task_ms", taskMs);
      m.put("task_dist", taskDist);
      m.put("draw", draw);
      m.put("jobs", jobs);
      m.put("warmup", warmup);
    }
    m.put("delay_ms", delayMs);
    m.put("probe_ratio", probeRatio);
    m.put("seed", seed);
    m.put("weights", new TreeMap<>(queueWeights.weights()));
    m.put("default_weight", queueWeights.defaultWeight());
    if (!mix.isEmpty()) {
      m.put("users", mix.toString());
    }
    if (queueExperiment != null) {
      m.put("queue_experiment", queueExperiment);
      m.put("duration_s", durationS);
    }
    return m;
  }

  private Integer runQueueExperiment(QueueConfig queueWeights) throws IOException {
    if (users != null) {
      throw new IllegalArgumentException("--users applies to the load sweep; --queue-experiment fair-share takes "
          + "its two users from --weight (e.g. --weight alice=3 --weight bob=1)");
    }
    SimConfig cluster = new SimConfig(workers, slots, schedulers, 8, Math.round(taskMs * 1e6),
        DurationDistribution.CONSTANT, true, 1, 0, Math.round(delayMs * 1e6), probeRatio, seed);
    boolean fair = switch (queueExperiment) {
      case "priority" -> false;
      case "fair-share" -> true;
      default -> throw new IllegalArgumentException("--queue-experiment must be 'priority' or 'fair-share', got '"
          + queueExperiment + "'");
    };
    List<String> chosen = queuePolicies != null ? queuePolicies
        : List.of(QueueSetup.DEFAULTS.queuePolicy(), fair ? "weighted-fair" : "priority");
    chosen.forEach(q -> new QueueSetup(q, queueWeights, null));  // bad names fail before any work
    double seconds = durationS != null ? durationS : fair ? 60 : 5;
    if (!(seconds > 0) || Double.isInfinite(seconds)) {
      throw new IllegalArgumentException("--duration-s must be positive, got " + seconds);
    }
    if (durationS == null) {
      durationS = seconds;
    }
    int parallel = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "Queue experiment '%s': %d workers x %d slots, %d schedulers, %.2f ms one-way delay, "
        + "d = %.2f, %.1f s %s, seed %d%n", queueExperiment, workers, slots, schedulers, delayMs,
        probeRatio, seconds, fair ? "measured" : "of arrivals", seed);
    List<Object> out;
    QueueConfig used = queueWeights;
    Map<String, Object> extra = new LinkedHashMap<>();
    if (!fair) {
      if (maxOutstanding != null) {
        throw new IllegalArgumentException("--max-outstanding applies to --queue-experiment fair-share only");
      }
      String idlePolicy = QueueSetup.DEFAULTS.queuePolicy();
      extra.put("idle_queue_policy", idlePolicy);
      out = SimQueueRuns.priority(cluster, chosen, idlePolicy, queueWeights, seconds, parallel, System.out);
    } else {
      List<String> names = new ArrayList<>(queueWeights.weights().isEmpty() ? List.of() : weights.keySet());
      QueueConfig w = queueWeights;
      if (names.isEmpty()) {
        names = List.of("alice", "bob");
        w = new QueueConfig(Map.of("alice", 3, "bob", 1), defaultWeight);
      }
      if (names.size() != 2) {
        throw new IllegalArgumentException("--queue-experiment fair-share needs exactly two --weight USER=WEIGHT "
            + "(its two users), got " + names.size());
      }
      names = names.stream().map(String::trim).toList();
      double offered = loads.size() == 1 ? loads.get(0) : 1.0;
      int cap = maxOutstanding != null ? maxOutstanding : QueueExperiments.defaultMaxOutstanding(cluster);
      if (cap < 1) {
        throw new IllegalArgumentException("--max-outstanding must be at least 1, got " + cap);
      }
      used = w;
      extra.put("max_outstanding", cap);
      extra.put("load", offered);
      out = SimQueueRuns.fairShare(cluster, chosen, w, names.get(0), names.get(1), offered, seconds, cap, parallel,
          System.out);
    }
    if (json != null) {
      Map<String, Object> doc = new LinkedHashMap<>();
      Map<String, Object> setup = setup(UserShares.NONE, used);
      setup.putAll(extra);
      doc.put("setup", setup);
      doc.put("results", out);
      SimReport.write(json, doc);
      System.out.println("wrote " + json);
    }
    return 0;
  }
}
