package org.sparrow.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.common.TaskKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "submit", mixinStandardHelpOptions = true,
    description = "Submit one job or a stream of jobs and print response times.")
final class SubmitCommand implements Callable<Integer> {

  /** Bound on a whole run (ten years): it stays far from overflowing a nanosecond clock. */
  private static final double MAX_RUN_SECONDS = 3650.0 * 24 * 3600;

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--tasks", defaultValue = "1", description = "Tasks per job (default: ${DEFAULT-VALUE}).")
  int tasks;

  @Option(names = "--kind", defaultValue = "sleep",
      description = "Task kind: noop, sleep, command, java (default: ${DEFAULT-VALUE}).")
  String kind;

  @Option(names = {"--arg", "--task-ms"}, defaultValue = "100",
      description = "The kind's argument: ms for sleep, a shell command, a class name (default: ${DEFAULT-VALUE}).")
  String argument;

  @Option(names = "--jobs", defaultValue = "1", description = "Number of jobs (default: ${DEFAULT-VALUE}).")
  int jobs;

  @Option(names = "--rate", defaultValue = "0",
      description = "Jobs per second, open loop; 0 = one job after another (default: ${DEFAULT-VALUE}).")
  double rate;

  @Option(names = "--app", defaultValue = "sparrow-cli", description = "Application name (default: ${DEFAULT-VALUE}).")
  String app;

  @Option(names = "--policy", description = "Placement policy for these jobs (default: the cluster's).")
  String policy;

  @Option(names = "--probe-ratio", description = "Probe ratio d for these jobs (default: the cluster's).")
  Double probeRatio;

  @Option(names = "--timeout-s", defaultValue = "60", description = "Per-job timeout (default: ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(names = "--user", description = "User the jobs run for: node monitors' weighted-fair queues share slots by it (default: this OS user).")
  String user;

  @Option(names = "--priority", defaultValue = "0",
      description = "Job priority: node monitors' priority queues serve smaller numbers first (default: ${DEFAULT-VALUE}).")
  int priority;

  @Option(names = "--verbose",
      description = "Print every job's id and response time as it ends (paced by --rate like any run).")
  boolean verbose;

  @Override
  public Integer call() throws Exception {
    Logging.quiet();
    TaskKind.parse(kind).validateArgument(argument.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (tasks < 1 || jobs < 1) {
      throw new IllegalArgumentException("--tasks and --jobs must be at least 1");
    }
    Validation.submitOptions(rate, timeoutSeconds, policy, probeRatio);
    try (SparrowClient client = cluster.clientBuilder().app(app)
        .timeout(Duration.ofSeconds(timeoutSeconds)).build().start()) {
      Job template = Job.of(tasks, kind, argument);
      Job.Builder b = Job.builder().tasks(template.tasks()).priority(priority);
      if (user != null) {
        b.user(user);
      }
      if (policy != null) {
        b.policy(policy);
      }
      if (probeRatio != null) {
        b.probeRatio(probeRatio);
      }
      Job job = b.build();
      long start = System.nanoTime();
      LatencyReport report = run(client::submit, job, Workload.Pacer.SYSTEM, System.out);
      report.print(System.out, (System.nanoTime() - start) / 1e9);
      return report.failedJobs() == 0 && report.jobs() == jobs ? 0 : 1;
    }
  }

  /**
   * Sends the jobs paced by {@code --rate} (one after another at 0), printing each as it ends
   * with {@code --verbose}: the two combine.
   */
  LatencyReport run(Function<Job, CompletableFuture<JobResult>> submit, Job job, Workload.Pacer pacer,
      PrintStream out) throws InterruptedException {
    BiConsumer<JobResult, Throwable> print = verbose ? (r, e) -> out.println(e == null ? line(r)
        : "failed: " + Errors.describe(e)) : (r, e) -> { };
    // Open loop: the last job is sent after jobs/rate s and has its timeout. One after another:
    // each may take its timeout (plus the client's slack over it). In double seconds, capped:
    // large --jobs and --timeout-s must not overflow.
    double seconds = rate > 0 ? timeoutSeconds + jobs / rate + 10 : (timeoutSeconds + 5.0) * jobs + 10;
    Duration deadline = Duration.ofSeconds((long) Math.min(seconds, MAX_RUN_SECONDS));
    return new Workload(submit, i -> job, jobs, rate, 10_000, pacer, print).run(deadline);
  }

  private static String line(JobResult r) {
    return String.format("%s  %s  response %.2f ms  overhead %.2f ms", r.requestId(),
        r.succeeded() ? "ok" : r.cancelled() ? "CANCELLED" : "FAILED", r.responseNanos() / 1e6,
        r.overheadMicros() / 1e3);
  }
}
