package org.sparrow.it.fault;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import org.sparrow.client.TaskResult;

/**
 * An open-loop load of small {@code command} jobs whose tasks append "key task attempt request
 * start" to a ledger file when they start and "... end" when they complete, so the suite can
 * tell afterwards which accepted jobs failed, hung, lost a task or completed one twice (under
 * any request id: a job resubmitted to another scheduler must still complete each task once),
 * and how much later the jobs affected by a fault finished.
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

  /** Latency of a set of jobs, in ms. */
  record Stats(int jobs, double p50, double p99, double max) {
    static Stats of(List<Double> latencies) {
      if (latencies.isEmpty()) {
        return new Stats(0, 0, 0, 0);
      }
      List<Double> s = new ArrayList<>(latencies);
      s.sort(null);
      return new Stats(s.size(), s.get((int) (0.5 * (s.size() - 1))),
          s.get((int) Math.ceil(0.99 * (s.size() - 1))), s.get(s.size() - 1));
    }

    @Override
    public String toString() {
      return String.format("%d jobs: p50 %.0f, p99 %.0f, max %.0f", jobs, p50, p99, max);
    }
  }

  private final SparrowClient client;
  private final Path ledger;
  private final double jobsPerSecond;
  private final int tasksPerJob;
  private final int taskMs;
  private final String prefix;
  private final List<Submitted> jobs = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService ticker;
  private final Set<String> killedSchedulers = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private volatile long faultStartNanos = Long.MAX_VALUE;
  private volatile long faultEndNanos = Long.MAX_VALUE;
  /** "key task attempt request" of each start line -> when this JVM first read it (nanoTime). */
  private final Map<String, Long> startsSeen = new java.util.concurrent.ConcurrentHashMap<>();
  /** The same for end lines. */
  private final Map<String, Long> endsSeen = new java.util.concurrent.ConcurrentHashMap<>();
  /** Node monitor id -> when the suite sent it SIGKILL (nanoTime). */
  private final Map<String, Long> kills = new java.util.concurrent.ConcurrentHashMap<>();
  private long ledgerRead;
  private final StringBuilder partialLine = new StringBuilder();

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
    watcher.scheduleWithFixedDelay(this::readLedger, 10, 10, TimeUnit.MILLISECONDS);
  }

  private ScheduledExecutorService watcher;

  /**
   * Reads the ledger lines appended since the last read and stamps each start line with the
   * time it was read: when a run started, to about 10 ms plus the shell's append (the tasks' dash
   * has no clock of its own, and a {@code date} per task would add a fork per run).
   */
  private synchronized void readLedger() {
    try (var f = new java.io.RandomAccessFile(ledger.toFile(), "r")) {
      long len = f.length();
      if (len <= ledgerRead) {
        return;
      }
      byte[] b = new byte[(int) (len - ledgerRead)];
      f.seek(ledgerRead);
      f.readFully(b);
      ledgerRead = len;
      long now = System.nanoTime();
      partialLine.append(new String(b, StandardCharsets.UTF_8));
      int nl;
      while ((nl = partialLine.indexOf("\n")) >= 0) {
        String[] fields = partialLine.substring(0, nl).trim().split(" ");
        partialLine.delete(0, nl + 1);
        if (fields.length >= 5 && (fields[4].equals("start") || fields[4].equals("end"))) {
          (fields[4].equals("start") ? startsSeen : endsSeen)
              .putIfAbsent(fields[0] + " " + fields[1] + " " + fields[2] + " " + fields[3], now);
        }
      }
    } catch (java.io.FileNotFoundException e) {
      // no task started yet
    } catch (IOException e) {
      System.out.println("FAULT cannot read " + ledger + ": " + e);
    }
  }

  /**
   * Latency of the matching succeeded jobs minus the longest lost run among their tasks: how
   * long an attempt that the fault lost had run before the fault (its start line as read, to the
   * fault's start). What remains is detection, re-placement, queueing and the re-run. Jobs with
   * no lost attempt whose start was read count unchanged.
   */
  Stats netOfLostRun(Predicate<JobResult> which) {
    List<Double> out = new ArrayList<>();
    for (Submitted s : jobs) {
      JobResult r = s.future.isDone() && !s.future.isCompletedExceptionally() ? s.future.join() : null;
      if (r == null || !which.test(r)) {
        continue;
      }
      long lostRun = 0;
      for (TaskResult t : r.tasks()) {
        for (TaskResult.Attempt a : t.attempts()) {
          if (a.state() != TaskResult.State.LOST) {
            continue;
          }
          Long started = startsSeen.get(s.key + " " + t.taskId() + " " + a.attempt() + " " + r.requestId());
          if (started != null && started < faultStartNanos) {
            lostRun = Math.max(lostRun, faultStartNanos - started);
          }
        }
      }
      out.add(s.latencyMs() - lostRun / 1e6);
    }
    return Stats.of(out);
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

  /** Latency of the succeeded jobs submitted during the fault (give or take 2 s) that match. */
  Stats duringFault(Predicate<JobResult> which) {
    long window = 2_000_000_000L;
    List<Double> out = new ArrayList<>();
    for (Submitted s : jobs) {
      JobResult r = s.future.isDone() && !s.future.isCompletedExceptionally() ? s.future.join() : null;
      if (r != null && which.test(r) && s.submitNanos >= faultStartNanos - window
          && s.submitNanos <= faultEndNanos + window) {
        out.add(s.latencyMs());
      }
    }
    return Stats.of(out);
  }

  /** The scheduler ("host:port") was killed: what ran for its requests is a lost attempt. */
  void schedulerKilled(String schedulerId) {
    killedSchedulers.add(schedulerId);
  }

  /** Request ids are "host:port/boot/counter" of the scheduler that accepted the job. */
  private static String schedulerOf(String requestId) {
    int slash = requestId.indexOf('/');
    return slash < 0 ? requestId : requestId.substring(0, slash);
  }

  /**
   * Where the time of the matching jobs submitted around the fault went, as medians (ms): the
   * longest task's queueing on its node monitor and run, and the rest (submit, late binding,
   * notification). Tells a node-monitor delay from a client or scheduler one.
   */
  String breakdownDuringFault(Predicate<JobResult> which) {
    long window = 2_000_000_000L;
    List<Double> queued = new ArrayList<>();
    List<Double> ran = new ArrayList<>();
    List<Double> rest = new ArrayList<>();
    for (Submitted s : jobs) {
      JobResult r = s.future.isDone() && !s.future.isCompletedExceptionally() ? s.future.join() : null;
      if (r == null || !which.test(r) || s.submitNanos < faultStartNanos - window
          || s.submitNanos > faultEndNanos + window) {
        continue;
      }
      long q = r.tasks().stream().mapToLong(TaskResult::queuedMicros).max().orElse(0);
      long run = r.tasks().stream().mapToLong(TaskResult::runMicros).max().orElse(0);
      queued.add(q / 1000.0);
      ran.add(run / 1000.0);
      rest.add(s.latencyMs() - (q + run) / 1000.0);
    }
    return String.format("median queued %.0f, ran %.0f, rest %.0f", Stats.of(queued).p50(),
        Stats.of(ran).p50(), Stats.of(rest).p50());
  }

  /**
   * The slowest matching jobs submitted around the fault, one line each: when it was submitted
   * relative to the fault's start, its latency, and per task where it ran, how long it queued
   * there and ran (for reading against the daemons' logs).
   */
  List<String> slowestDuringFault(Predicate<JobResult> which, int n) {
    long window = 2_000_000_000L;
    List<Submitted> picked = new ArrayList<>();
    for (Submitted s : jobs) {
      JobResult r = s.future.isDone() && !s.future.isCompletedExceptionally() ? s.future.join() : null;
      if (r != null && which.test(r) && s.submitNanos >= faultStartNanos - window
          && s.submitNanos <= faultEndNanos + window) {
        picked.add(s);
      }
    }
    picked.sort((a, b) -> Double.compare(b.latencyMs(), a.latencyMs()));
    List<String> out = new ArrayList<>();
    for (Submitted s : picked.subList(0, Math.min(n, picked.size()))) {
      JobResult r = s.future.join();
      StringBuilder b = new StringBuilder(String.format("%s at fault%+.2f s: %.0f ms (%s, %d submit attempts)",
          s.key, (s.submitNanos - faultStartNanos) / 1e9, s.latencyMs(), r.requestId(), r.submitAttempts()));
      for (TaskResult t : r.tasks()) {
        b.append(String.format("; %s on %s queued %d ran %d", t.taskId(), t.nodeMonitorId(),
            t.queuedMicros() / 1000, t.runMicros() / 1000));
      }
      out.add(b.toString());
    }
    return out;
  }

  /** Latency of every succeeded job that matches, wherever it was submitted. */
  Stats matching(Predicate<JobResult> which) {
    List<Double> out = new ArrayList<>();
    for (Submitted s : jobs) {
      JobResult r = s.future.isDone() && !s.future.isCompletedExceptionally() ? s.future.join() : null;
      if (r != null && which.test(r)) {
        out.add(s.latencyMs());
      }
    }
    return Stats.of(out);
  }

  /** Call just before sending the node monitor SIGKILL. */
  void nodeMonitorKilled(String nodeMonitorId) {
    kills.put(nodeMonitorId, System.nanoTime());
  }

  /**
   * For each task of a succeeded job that lost an attempt on a node monitor this run killed:
   * the marks of {@link RetryBreakdown}, from the ledger as read, the task result and the log of
   * the scheduler that placed the job (request ids start with its id).
   *
   * @param schedulerLogs scheduler id -> its parsed log
   */
  List<RetryBreakdown.Marks> retryBreakdown(Map<String, RetryBreakdown.SchedulerLog> schedulerLogs) {
    long unknown = RetryBreakdown.UNKNOWN;
    List<RetryBreakdown.Marks> out = new ArrayList<>();
    for (Submitted s : jobs) {
      JobResult r = s.future.isDone() && !s.future.isCompletedExceptionally() ? s.future.join() : null;
      if (r == null) {
        continue;
      }
      RetryBreakdown.SchedulerLog log = schedulerLogs.get(schedulerOf(r.requestId()));
      for (TaskResult t : r.tasks()) {
        TaskResult.Attempt lost = null;
        for (TaskResult.Attempt a : t.attempts()) {
          if (a.state() == TaskResult.State.LOST && kills.containsKey(a.nodeMonitorId())) {
            lost = a;
            break;
          }
        }
        if (lost == null || t.attempts().size() < 2) {
          continue;
        }
        long kill = kills.get(lost.nodeMonitorId());
        String run = s.key + " " + t.taskId() + " ";
        long lostStart = startsSeen.getOrDefault(run + lost.attempt() + " " + r.requestId(), unknown);
        long suspect = log == null ? unknown : log.suspectAfter(lost.nodeMonitorId(), kill);
        long retried = log == null ? unknown : log.retryAfter(r.requestId(), suspect == unknown ? kill : suspect);
        String last = run + t.attempt() + " " + r.requestId();
        out.add(new RetryBreakdown.Marks(s.key + "/" + t.taskId(), lost.nodeMonitorId(), t.nodeMonitorId(),
            lostStart, kill, suspect, retried, t.queuedMicros() * 1000, startsSeen.getOrDefault(last, unknown),
            endsSeen.getOrDefault(last, unknown), s.endNanos));
      }
    }
    return out;
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
    Map<String, List<String[]>> lines = new HashMap<>();
    if (Files.exists(ledger)) {
      for (String line : Files.readAllLines(ledger, StandardCharsets.UTF_8)) {
        String[] f = line.trim().split(" ");
        if (f.length >= 2 && f[0].startsWith(prefix + "-")) {
          lines.computeIfAbsent(f[0] + " " + f[1], k -> new ArrayList<>()).add(f);
        }
      }
    }
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
    long window = 2_000_000_000L;
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
      boolean resubmittedJob = false;
      for (TaskResult t : r.tasks()) {
        if (t.attempts().size() > 1) {
          retried++;
        }
        List<String[]> ran = lines.getOrDefault(s.key + " " + t.taskId(), List.of());
        if (ran.isEmpty()) {
          lost++;
          problems.add(s.key + "/" + t.taskId() + " succeeded but never ran (lost)");
          continue;
        }
        // A task completes once, except after an earlier attempt was lost: under its final
        // request id at most one completion per attempt TaskResult.attempts() lists (the
        // process of a run whose node monitor was killed may still finish: its loss is what
        // made the retry), and under another request id only if that request's scheduler was
        // killed (the client resubmitted the job; what ran for the dead one is a lost attempt).
        // Any other second completion is a duplicate: a job that ran in two places.
        Set<String> started = new HashSet<>();
        int completedFinal = 0;
        List<String> completedElsewhere = new ArrayList<>();
        for (String[] f : ran) {
          String request = f.length > 3 ? f[3] : "";
          String run = request + " " + (f.length > 2 ? f[2] : "");
          boolean end = f.length > 4 && f[4].equals("end");
          if (!request.equals(r.requestId())) {
            resubmittedJob = true;
          }
          if (!end) {
            if (!started.add(run)) {
              duplicated++;
              problems.add(s.key + "/" + t.taskId() + " started twice as " + run);
            }
          } else if (request.equals(r.requestId())) {
            completedFinal++;
          } else if (!killedSchedulers.contains(schedulerOf(request))) {
            completedElsewhere.add(run);
          }
        }
        if (completedFinal > t.attempts().size() || !completedElsewhere.isEmpty()) {
          duplicated++;
          problems.add(s.key + "/" + t.taskId() + " completed " + completedFinal + " times in "
              + t.attempts().size() + " attempts under " + r.requestId()
              + (completedElsewhere.isEmpty() ? "" : " and also as " + completedElsewhere
              + " on a scheduler that was not killed"));
        }
        if (completedFinal == 0) {
          lost++;
          problems.add(s.key + "/" + t.taskId() + " succeeded but its run under " + r.requestId()
              + " never completed (lost)");
        }
      }
      if (resubmittedJob || r.submitAttempts() > 1) {
        resubmitted++;
        resubmittedJob = true;
      }
      boolean inFault = s.submitNanos >= faultStartNanos - window
          && s.submitNanos <= Math.min(faultEndNanos, System.nanoTime()) + window;
      if (inFault || affectedToo.test(r) || resubmittedJob) {
        affected.add(s.latencyMs());
      } else if (s.submitNanos < faultStartNanos - window) {
        baseline.add(s.latencyMs());
      }
    }
    return new Outcome(scenario, jobs.size(), rejected, succeeded, failed, hung, lost, duplicated,
        retried, resubmitted, Stats.of(baseline), Stats.of(affected), problems);
  }
}
