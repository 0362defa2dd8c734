package org.sparrow.it.fault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.sparrow.client.Job;
import org.sparrow.client.JobRejectedException;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.client.Task;

/**
 * An open-loop load of small {@code command} jobs whose tasks append "key task attempt request
 * start" to a ledger file when they start and "... end" when they complete, so the suite can
 * tell afterwards which accepted jobs failed, hung, lost a task or completed one twice (under
 * any request id: a job resubmitted to another scheduler must still complete each task once:
 * {@link LedgerAudit}), and how much later the jobs affected by a fault finished
 * ({@link #report()}).
 */
final class LoadRun {

  /** One submitted job. */
  static final class Submitted {
    final String key;
    final long submitNanos;
    final CompletableFuture<JobResult> future;
    volatile long endNanos;

    Submitted(String key, long submitNanos, CompletableFuture<JobResult> future) {
      this.key = key;
      this.submitNanos = submitNanos;
      this.future = future;
      future.whenComplete((r, e) -> endNanos = System.nanoTime());
    }

    double latencyMs() {
      return (endNanos - submitNanos) / 1e6;
    }
  }

  /** What one scenario cost. */
  record Outcome(String scenario, int submitted, int rejected, int succeeded, int failed, int hung,
      int lostTasks, int duplicatedTasks, int retriedTasks, int resubmitted, Stats baseline,
      Stats affected, List<String> problems) {

    String row() {
      return String.format("| %s | %d | %d | %d | %d | %d | %d | %d | %d | %s | %s | |", scenario,
          submitted, failed, hung, lostTasks, duplicatedTasks, retriedTasks, resubmitted,
          rejected, baseline, affected);
    }
  }

  private static final long WINDOW = 2_000_000_000L;

  private final SparrowClient client;
  private final Path ledger;
  private final double jobsPerSecond;
  private final int tasksPerJob;
  private final int taskMs;
  private final String prefix;
  private final List<Submitted> jobs = new CopyOnWriteArrayList<>();
  private final LedgerWatch watch;
  private ScheduledExecutorService ticker;
  private ScheduledExecutorService watcher;
  private final Set<String> killedSchedulers = ConcurrentHashMap.newKeySet();
  private volatile long faultStartNanos = Long.MAX_VALUE;
  private volatile long faultEndNanos = Long.MAX_VALUE;
  /** Node monitor id -> when the suite sent it SIGKILL (nanoTime). */
  private final Map<String, Long> kills = new ConcurrentHashMap<>();

  /** @param ledger a fresh file: any earlier one (an earlier run's) is deleted */
  LoadRun(SparrowClient client, Path ledger, String prefix, double jobsPerSecond, int tasksPerJob,
      int taskMs) throws IOException {
    Files.deleteIfExists(ledger);
    this.client = client;
    this.ledger = ledger;
    this.prefix = prefix;
    this.jobsPerSecond = jobsPerSecond;
    this.tasksPerJob = tasksPerJob;
    this.taskMs = taskMs;
    this.watch = new LedgerWatch(ledger);
  }

  void start() {
    ticker = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fault-load-" + prefix);
      t.setDaemon(true);
      return t;
    });
    long periodMicros = (long) (1_000_000 / jobsPerSecond);
    ticker.scheduleAtFixedRate(this::submitOne, 0, periodMicros, TimeUnit.MICROSECONDS);
    watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "fault-ledger-" + prefix);
      t.setDaemon(true);
      return t;
    });
    // Every 10 ms: a run's start is known to about that (RetryBreakdown's resolution).
    watcher.scheduleWithFixedDelay(watch::read, 10, 10, TimeUnit.MILLISECONDS);
  }

  private void submitOne() {
    String key = prefix + "-" + jobs.size();
    Job.Builder b = Job.builder().timeout(Duration.ofSeconds(120)).description(key);
    String sleep = String.format("%d.%03d", taskMs / 1000, taskMs % 1000);
    for (int i = 0; i < tasksPerJob; i++) {
      // A line when the run starts and one when it completes: a run cut short (its node monitor
      // killed, its job cancelled) has no end line; two end lines of one task are a duplicate.
      String fields = key + " $SPARROW_TASK_ID $SPARROW_ATTEMPT $SPARROW_REQUEST_ID";
      b.task(Task.command("t" + i, "echo " + fields + " start >> " + ledger + "; sleep " + sleep
          + "; echo " + fields + " end >> " + ledger));
    }
    long now = System.nanoTime();
    jobs.add(new Submitted(key, now, client.submit(b.build())));
  }

  /** The scheduler ("host:port") was killed: what ran for its requests is a lost attempt. */
  void schedulerKilled(String schedulerId) {
    killedSchedulers.add(schedulerId);
  }

  /** Call just before sending the node monitor SIGKILL. */
  void nodeMonitorKilled(String nodeMonitorId) {
    kills.put(nodeMonitorId, System.nanoTime());
  }

  void faultStarts() {
    faultStartNanos = System.nanoTime();
  }

  void faultEnds() {
    faultEndNanos = System.nanoTime();
  }

  /** Returns once no submit is under way: a job added after finish() took its snapshot would count as hung. */
  void stopSubmitting() throws InterruptedException {
    ticker.shutdownNow();
    if (!ticker.awaitTermination(10, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the load's submit thread did not stop");
    }
  }

  private void stopWatching() throws InterruptedException {
    watcher.shutdownNow();
    watcher.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Where the time of the jobs went (call after {@link #finish}). */
  LoadReport report() {
    return new LoadReport(jobs, faultStartNanos, faultEndNanos, watch, kills);
  }

  /**
   * Waits for every job (at most {@code wait}), then reads the ledger.
   *
   * @param affectedToo which jobs beyond those submitted during the fault count as affected
   */
  Outcome finish(String scenario, Duration wait, Predicate<JobResult> affectedToo)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + wait.toNanos();
    for (Submitted s : jobs) {
      long left = deadline - System.nanoTime();
      try {
        s.future.get(Math.max(1, left), TimeUnit.NANOSECONDS);
      } catch (Exception ignored) {
        // counted below
      }
    }
    stopWatching();
    LedgerAudit audit = new LedgerAudit(ledger, prefix, killedSchedulers);
    int rejected = 0;
    int succeeded = 0;
    int failed = 0;
    int hung = 0;
    int lost = 0;
    int duplicated = 0;
    int retried = 0;
    int resubmitted = 0;
    List<String> problems = new ArrayList<>();
    List<Double> baseline = new ArrayList<>();
    List<Double> affected = new ArrayList<>();
    for (Submitted s : jobs) {
      if (!s.future.isDone()) {
        hung++;
        problems.add(s.key + " hung");
        continue;
      }
      JobResult r;
      try {
        r = s.future.getNow(null);
      } catch (Exception e) {
        if (e.getCause() instanceof JobRejectedException) {
          rejected++;  // never accepted
        } else {
          failed++;
          problems.add(s.key + " failed: " + e.getCause());
        }
        continue;
      }
      if (!r.succeeded()) {
        failed++;
        problems.add(s.key + " ended with failed tasks: " + r.tasks());
        continue;
      }
      succeeded++;
      LedgerAudit.Verdict v = audit.of(s.key, r);
      lost += v.lost();
      duplicated += v.duplicated();
      retried += v.retried();
      problems.addAll(v.problems());
      boolean resubmittedJob = v.resubmitted() || r.submitAttempts() > 1;
      if (resubmittedJob) {
        resubmitted++;
      }
      boolean inFault = s.submitNanos >= faultStartNanos - WINDOW
          && s.submitNanos <= Math.min(faultEndNanos, System.nanoTime()) + WINDOW;
      if (inFault || affectedToo.test(r) || resubmittedJob) {
        affected.add(s.latencyMs());
      } else if (s.submitNanos < faultStartNanos - WINDOW) {
        baseline.add(s.latencyMs());
      }
    }
    return new Outcome(scenario, jobs.size(), rejected, succeeded, failed, hung, lost, duplicated,
        retried, resubmitted, Stats.of(baseline), Stats.of(affected), problems);
  }
}
