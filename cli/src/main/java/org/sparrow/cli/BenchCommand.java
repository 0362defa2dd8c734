package org.sparrow.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.sparrow.client.SparrowClient;
import org.sparrow.common.Closeables;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.UserShares;
import org.sparrow.sim.DurationDistribution;
import org.sparrow.sim.ResponseStats;
import org.sparrow.sim.SimJob;
import org.sparrow.sim.Trace;
import org.sparrow.sim.TraceGenerator;
import org.sparrow.sim.WorkloadSpec;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Open-loop workload generator against a running cluster: Poisson job arrivals at a "
        + "target load or rate, then job response time, scheduling overhead, queueing wait and throughput, "
        + "next to what an omniscient FIFO scheduler would have done with the very same jobs.",
        "Modes: open loop (--load or --rate), --sequential (one job at a time per frontend), "
            + "--saturate (highest sustained rate of 0-ms tasks)."})
final class BenchCommand implements Callable<Integer> {

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--load", description = "Target load: fraction of all slots busy (e.g. 0.8).")
  Double load;

  @Option(names = "--rate", description = "Fixed job arrival rate in jobs/s (instead of --load).")
  Double rate;

  @Option(names = "--sequential", description = "Light load: each frontend submits its next job when the previous one ended.")
  boolean sequential;

  @Option(names = "--saturate", description = "Find the highest sustained task rate with 0-ms tasks.")
  boolean saturate;

  @Option(names = "--tasks-per-job", defaultValue = "8", description = "Tasks per job (default: ${DEFAULT-VALUE}).")
  int tasksPerJob;

  @Option(names = "--task-ms", defaultValue = "100", description = "Mean task duration in ms (default: ${DEFAULT-VALUE}).")
  double taskMs;

  @Option(names = "--task-dist", defaultValue = "constant",
      description = "Task durations: constant, exp, uniform, bimodal (default: ${DEFAULT-VALUE}).")
  String taskDist;

  @Option(names = "--draw", defaultValue = "task",
      description = "Draw durations per 'task' or once per 'job' (default: ${DEFAULT-VALUE}).")
  String draw;

  @Option(names = "--duration-s", defaultValue = "30", description = "Measured seconds (default: ${DEFAULT-VALUE}).")
  double durationS;

  @Option(names = "--warmup-s", defaultValue = "5", description = "Unmeasured seconds first (default: ${DEFAULT-VALUE}).")
  double warmupS;

  @Option(names = "--frontends", defaultValue = "1", description = "Frontends (clients), each its own thread (default: ${DEFAULT-VALUE}).")
  int frontends;

  @Option(names = "--policy", description = "Placement policy for these jobs (default: the cluster's).")
  String policy;

  @Option(names = "--probe-ratio", description = "Probe ratio d for these jobs (default: the cluster's).")
  Double probeRatio;

  @Option(names = "--slots", description = "Total slots of the cluster (default: summed from ZooKeeper).")
  Integer slots;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of arrivals and durations (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--max-outstanding", defaultValue = "20000",
      description = "Jobs in flight beyond which arrivals are dropped and counted (default: ${DEFAULT-VALUE}).")
  int maxOutstanding;

  @Option(names = "--timeout-s", defaultValue = "120", description = "Per-job timeout (default: ${DEFAULT-VALUE}).")
  long timeoutS;

  @Option(names = "--progress-s", defaultValue = "5", description = "Seconds between progress lines (default: ${DEFAULT-VALUE}).")
  double progressS;

  @Option(names = "--start-rate", defaultValue = "1000", description = "--saturate: first rate, tasks/s (default: ${DEFAULT-VALUE}).")
  double startRate;

  @Option(names = "--step-s", defaultValue = "5", description = "--saturate: measured seconds per step (default: ${DEFAULT-VALUE}).")
  double stepS;

  @Option(names = "--app", defaultValue = "sparrow-bench", description = "Application name (default: ${DEFAULT-VALUE}).")
  String app;

  @Option(names = "--user", paramLabel = "NAME",
      description = "User every job runs for (weighted-fair queues share by it; default: this OS user).")
  String user;

  @Option(names = "--users", paramLabel = "NAME:SHARE[:pN],...",
      description = "A mix of users in one run: each user's share of the job arrivals and optionally its jobs' "
          + "priority, e.g. alice:3,bob:1 or web:1:p0,batch:12:p1 (the same syntax as sim --users). "
          + "--json then reports each user's throughput and response times under 'users'.")
  String users;

  @Option(names = "--priority", paramLabel = "N",
      description = "Priority of every job: priority queues serve smaller numbers first (default 0).")
  Integer priority;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the figures as JSON.")
  Path json;

  @Option(names = "--jobs-out", paramLabel = "FILE",
      description = {"Also write one CSV line per job (warm-up ones too, measured=false), in the order jobs end: "
          + "job, submit_epoch_ms (wall clock, to match other processes' logs, e.g. -Xlog:gc:file=F:timemillis), "
          + "submit_s (from the run's start), measured, user, priority, tasks, state, response_ms, longest_task_ms, "
          + "overhead_ms (response - longest task), max_queue_wait_ms, scheduler. Not with --saturate."})
  Path jobsOut;

  @Override
  public Integer call() throws Exception {
    validate();
    UserShares mix = userMix();  // a bad --users fails before connecting
    DurationDistribution dist = DurationDistribution.parse(taskDist);
    boolean perTask = parseDraw();
    long meanNanos = Math.round(taskMs * 1e6);
    int totalSlots = slots != null ? slots : slotsFromZooKeeper();
    try (BenchJobLog jobLog = openJobLog()) {
      int code = run(mix, dist, perTask, meanNanos, totalSlots, jobLog);
      if (jobsOut != null) {
        System.out.println("wrote " + jobsOut);
      }
      return code;
    }
  }

  private int run(UserShares mix, DurationDistribution dist, boolean perTask, long meanNanos, int totalSlots,
      BenchJobLog jobLog) throws Exception {
    List<SparrowClient> clients = new ArrayList<>();
    try {
      for (int i = 0; i < frontends; i++) {
        clients.add(cluster.clientBuilder().app(app).timeout(Duration.ofSeconds(timeoutS)).build().start());
      }
      OpenLoopDriver driver = new OpenLoopDriver(clients, new BenchJobs(policy, probeRatio, mix, priority), maxOutstanding,
          System.out, Duration.ofMillis(Math.round(progressS * 1000)), jobLog);
      Map<String, Object> setup = new LinkedHashMap<>();
      setup.put("mode", saturate ? "saturate" : sequential ? "sequential" : "open-loop");
      setup.put("schedulers", clients.get(0).schedulerAddresses().size());
      setup.put("total_slots", totalSlots);
      setup.put("frontends", frontends);
      setup.put("tasks_per_job", tasksPerJob);
      setup.put("task_ms", saturate ? 0.0 : taskMs);
      setup.put("task_dist", saturate ? "constant" : dist.wireName());
      setup.put("draw", perTask ? "task" : "job");
      setup.put("policy", policy == null ? "(cluster setting)" : policy);
      setup.put("seed", seed);
      setup.put("start_epoch_ms", System.currentTimeMillis());
      if (users != null || user != null) {
        setup.put("users", users != null ? users : user);
      }
      if (priority != null) {
        setup.put("priority", priority);
      }
      System.out.printf(Locale.ROOT, "Cluster: %d slots, %d schedulers %s%n", totalSlots,
          clients.get(0).schedulerAddresses().size(), clients.get(0).schedulerAddresses());
      if (saturate) {
        return runSaturate(driver, setup);
      }
      long warmupNanos = Math.round(warmupS * 1e9);
      long measureNanos = Math.round(durationS * 1e9);
      BenchRecorder rec;
      if (sequential) {
        System.out.printf(Locale.ROOT, "Light load: %d frontend(s), one job at a time each, %d tasks of %s(%.1f ms), "
            + "%.0f s warm-up + %.0f s measured%n", frontends, tasksPerJob, dist.wireName(), taskMs, warmupS, durationS);
        rec = driver.runSequential(f -> jobSource(f, dist, perTask, meanNanos), warmupNanos, measureNanos,
            Duration.ofSeconds(timeoutS));
      } else {
        double jobsPerSecond = rate != null ? rate
            : WorkloadSpec.jobsPerSecondForLoad(load, totalSlots, tasksPerJob, meanNanos);
        setup.put("jobs_per_s", jobsPerSecond);
        setup.put("load", jobsPerSecond * tasksPerJob * (meanNanos / 1e9) / totalSlots);
        int jobs = (int) Math.ceil(jobsPerSecond * (warmupS + durationS));
        Trace trace = roundToMillis(TraceGenerator.generate(
            new WorkloadSpec(jobsPerSecond, tasksPerJob, meanNanos, dist, perTask, jobs, seed)));
        System.out.printf(Locale.ROOT, "Open loop: %.1f jobs/s (%.0f tasks/s, load %.2f of %d slots), %d tasks of %s(%.1f ms) "
                + "per %s, %d frontend(s), %.0f s warm-up + %.0f s measured%n",
            jobsPerSecond, jobsPerSecond * tasksPerJob, (double) setup.get("load"), totalSlots, tasksPerJob,
            dist.wireName(), taskMs, perTask ? "task" : "job", frontends, warmupS, durationS);
        rec = driver.runOpenLoop(trace, warmupNanos, measureNanos, Duration.ofSeconds(timeoutS));
      }
      ResponseStats omniscient = BenchSummary.omniscientReference(rec, totalSlots);
      BenchSummary.print(System.out, rec, durationS, omniscient);
      if (json != null) {
        Map<String, Object> figures = BenchSummary.toJson(rec, durationS, setup, omniscient);
        figures.put("users", rec.usersJson(durationS));
        writeJson(figures);
      }
      return rec.failedJobs() == 0 && rec.measuredFinishedJobs() > 0 ? 0 : 1;
    } finally {
      Closeables.closeAll(clients.toArray(AutoCloseable[]::new));
    }
  }

  private int runSaturate(OpenLoopDriver driver, Map<String, Object> setup) throws Exception {
    System.out.printf(Locale.ROOT, "Saturation search: %d-task jobs of 0 ms, %d frontend(s), %.0f s per step from %.0f tasks/s%n",
        tasksPerJob, frontends, stepS, startRate);
    SaturationSearch search = new SaturationSearch(driver, tasksPerJob, Duration.ofMillis(Math.round(stepS * 1000)),
        seed, System.out);
    double best = search.run(startRate, 1.25, 1_000_000, 3);
    System.out.printf(Locale.ROOT, "highest sustained rate: %.0f tasks/s (%.0f jobs/s of %d tasks)%n",
        best, best / tasksPerJob, tasksPerJob);
    SaturationSearch.Step last = search.steps.get(search.steps.size() - 1);
    if (!last.sustained() && last.submitLagP50Ms() > 1.0) {
      System.out.printf(Locale.ROOT, "note: the generator fell %.1f ms behind its schedule at the limit: "
          + "add --frontends or run bench on another machine to load the cluster harder%n", last.submitLagP50Ms());
    }
    if (json != null) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("saturated_tasks_per_s", best);
      m.put("steps", search.stepsJson());
      m.put("setup", setup);
      writeJson(m);
    }
    return best > 0 ? 0 : 1;
  }

  private UserShares userMix() {
    if (users != null && user != null) {
      throw new IllegalArgumentException("give --user or --users, not both");
    }
    if (users != null) {
      UserShares mix = UserShares.parse(users);
      if (mix.givesPriorities() && priority != null) {
        throw new IllegalArgumentException("give --priority or per-user priorities in --users (NAME:SHARE:pN), not both");
      }
      return mix;
    }
    if (user != null) {
      if (user.isBlank()) {
        throw new IllegalArgumentException("--user must not be empty");
      }
      return UserShares.single(user);
    }
    return UserShares.NONE;
  }

  private void validate() {
    int modes = (saturate ? 1 : 0) + (sequential ? 1 : 0) + (load != null || rate != null ? 1 : 0);
    if (modes != 1 || (load != null && rate != null)) {
      throw new IllegalArgumentException("give exactly one of --load, --rate, --sequential, --saturate");
    }
    if (load != null && !(load > 0)) {
      throw new IllegalArgumentException("--load must be positive, got " + load);
    }
    if (rate != null && !(rate > 0)) {
      throw new IllegalArgumentException("--rate must be positive (jobs/s), got " + rate);
    }
    if (tasksPerJob < 1 || frontends < 1 || maxOutstanding < 1) {
      throw new IllegalArgumentException("--tasks-per-job, --frontends and --max-outstanding must be at least 1");
    }
    if (!(taskMs >= 0) || !(durationS > 0) || !(warmupS >= 0) || !(progressS > 0) || !(stepS > 0) || !(startRate > 0)) {
      throw new IllegalArgumentException("--task-ms and --warmup-s must be >= 0; --duration-s, --progress-s, "
          + "--step-s and --start-rate must be positive");
    }
    Validation.policy(policy);
    Validation.probeRatio(probeRatio);
    if (timeoutS <= 0) {
      throw new IllegalArgumentException("--timeout-s must be positive, got " + timeoutS);
    }
    if (json != null) {
      Validation.writableFile(json, "--json");
    }
    if (jobsOut != null) {
      if (saturate) {
        throw new IllegalArgumentException("--jobs-out is for --load, --rate and --sequential runs, not --saturate");
      }
      Validation.writableFile(jobsOut, "--jobs-out");
    }
    if (load != null && taskMs == 0) {
      throw new IllegalArgumentException("--load needs a positive --task-ms; for 0-ms tasks give --rate or --saturate");
    }
  }

  private boolean parseDraw() {
    return switch (draw.trim().toLowerCase(Locale.ROOT)) {
      case "task" -> true;
      case "job" -> false;
      default -> throw new IllegalArgumentException("--draw must be 'task' or 'job', got '" + draw + "'");
    };
  }

  private int slotsFromZooKeeper() {
    if (!cluster.schedulers.isEmpty()) {
      throw new IllegalArgumentException("with --scheduler, give --slots (the cluster's total slots)");
    }
    try (ZkClusterDirectory directory = cluster.directory()) {
      int total = 0;
      for (NodeMonitorInfo nm : directory.nodeMonitors().snapshot().values()) {
        total += nm.slots();
      }
      if (total == 0) {
        throw new IllegalArgumentException("no node monitor is registered in cluster '" + cluster.cluster
            + "' at " + cluster.zk + "; start some, or give --slots");
      }
      return total;
    }
  }

  /** Frontend f's own seeded stream of jobs (light load). */
  private java.util.function.Supplier<SimJob> jobSource(int f, DurationDistribution dist, boolean perTask, long meanNanos) {
    Random random = new Random(seed * 31 + f);
    int[] index = {0};
    return () -> {
      long[] tasks = new long[tasksPerJob];
      long jobDraw = dist.sample(random, meanNanos);
      for (int i = 0; i < tasks.length; i++) {
        tasks[i] = perTask ? dist.sample(random, meanNanos) : jobDraw;
      }
      return BenchJobs.roundToMillis(new SimJob(index[0]++, 0, tasks));
    };
  }

  private static Trace roundToMillis(Trace trace) {
    List<SimJob> jobs = new ArrayList<>(trace.size());
    trace.jobs().forEach(j -> jobs.add(BenchJobs.roundToMillis(j)));
    return new Trace(jobs);
  }

  private BenchJobLog openJobLog() throws java.io.IOException {
    if (jobsOut == null) {
      return BenchJobLog.NONE;
    }
    Path parent = jobsOut.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new BenchJobLog(Files.newBufferedWriter(jobsOut, StandardCharsets.UTF_8));
  }

  private void writeJson(Map<String, Object> m) throws java.io.IOException {
    Path parent = json.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(json, Json.write(m), StandardCharsets.UTF_8);
    System.out.println("wrote " + json);
  }
}
