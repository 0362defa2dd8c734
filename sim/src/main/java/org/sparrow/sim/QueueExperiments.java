package org.sparrow.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.sparrow.common.UserInfo;
import org.sparrow.nodemonitor.queue.QueueConfig;
import org.sparrow.scheduler.placement.PlacementPolicies;

/**
 * The two queue-policy experiments of issue 8 (docs/benchmarks.md) on a simulated cluster, with
 * the node monitors' own queue classes: strict priorities shielding a light foreground stream
 * from a background overload, and weighted fair sharing between two overloaded users.
 */
public final class QueueExperiments {

  private static final String PLACEMENT = "batch-late-binding";
  private static final long BUCKET_NANOS = UserTally.BUCKET_NANOS;

  private QueueExperiments() {}

  /** Foreground response times alone and next to the background, under one queue policy. */
  public record PriorityResult(String queuePolicy, ResponseStats idle, ResponseStats loaded,
      double backgroundTasksPerSecond) {

    public double p50Ratio() {
      return loaded.p50() / (double) idle.p50();
    }

    public double p99Ratio() {
      return loaded.p99() / (double) idle.p99();
    }
  }

  /**
   * Foreground: user {@code fg}, priority 0, 8 × 10 ms tasks at 10% of the slots. Background:
   * user {@code bg}, priority 1, 8 × 100 ms at 120%. Both Poisson, for {@code seconds} of
   * arrivals; foreground jobs arriving in the first fifth are not measured. "Idle" is the same
   * foreground trace alone on the same cluster and policy.
   */
  public static PriorityResult priority(SimConfig cluster, String queuePolicy, QueueConfig weights, double seconds) {
    return priority(cluster, queuePolicy, weights, seconds, idleForeground(cluster, queuePolicy, weights, seconds));
  }

  /**
   * As {@link #priority(SimConfig, String, QueueConfig, double)} against an idle figure already
   * run: alone, the foreground is one user at one priority, which every queue policy serves first
   * come first served, so one idle run serves every policy of a comparison
   * ({@code QueueExperimentsTest} checks that the policies' idle figures are identical).
   */
  public static PriorityResult priority(SimConfig cluster, String queuePolicy, QueueConfig weights, double seconds,
      ResponseStats idle) {
    long from = Math.round(seconds / 5 * 1e9);
    long to = Math.round(seconds * 1e9);
    Run loaded = run(cluster, queuePolicy, weights, List.of(new Stream(FOREGROUND, foreground(cluster, seconds)),
        new Stream(BACKGROUND, generate(shape(cluster, 8, 100), 1.2, seconds, cluster.seed() + 1))),
        Integer.MAX_VALUE, from, to);
    return new PriorityResult(queuePolicy, idle, loaded.response(0, from), loaded.inWindow[1] / ((to - from) / 1e9));
  }

  /** The priority experiment's foreground alone on {@code queuePolicy} node monitors ("idle"). */
  public static ResponseStats idleForeground(SimConfig cluster, String queuePolicy, QueueConfig weights,
      double seconds) {
    long from = Math.round(seconds / 5 * 1e9);
    long to = Math.round(seconds * 1e9);
    return run(cluster, queuePolicy, weights, List.of(new Stream(FOREGROUND, foreground(cluster, seconds))),
        Integer.MAX_VALUE, from, to).response(0, from);
  }

  private static final UserInfo FOREGROUND = new UserInfo("fg", "", 0);
  private static final UserInfo BACKGROUND = new UserInfo("bg", "", 1);

  private static Trace foreground(SimConfig cluster, double seconds) {
    return generate(shape(cluster, 8, 10), 0.1, seconds, cluster.seed());
  }

  /**
   * Two users, each offering {@code load} of the slots in 8 × 100 ms jobs and keeping at most
   * {@code maxOutstanding} jobs unfinished (later arrivals are dropped, like one {@code bench
   * --max-outstanding} generator per user), so both stay overloaded with a bounded backlog.
   * Timeline: warm-up, then the measurement window of {@code windowSeconds}, then the second
   * user stops arriving while the first goes on for {@link #TAIL_SECONDS}.
   *
   * @param firstShare      the first user's share of the tasks that ended in the window
   * @param firstTasksPerSecond, secondTasksPerSecond their achieved task throughput in the window
   * @param catchUpMs       from the second user's last task end to the start of the first 100 ms
   *                        in which the first user completed at least 95% of what the whole
   *                        cluster can (NaN: not within the tail)
   * @param firstAloneFraction what the first user completed in that 100 ms, as a fraction of the cluster
   * @param dropped         arrivals dropped for the outstanding cap (both users)
   */
  public record FairResult(String queuePolicy, double firstShare, double secondShare, double firstTasksPerSecond,
      double secondTasksPerSecond, double catchUpMs, double firstAloneFraction, long dropped) {}

  /** After the window, how long the first user goes on alone. */
  public static final double TAIL_SECONDS = 5;

  public static FairResult fairShare(SimConfig cluster, String queuePolicy, QueueConfig weights, String first,
      String second, double load, double windowSeconds, int maxOutstanding) {
    SimConfig shape = shape(cluster, 8, 100);
    double warm = Math.min(5, windowSeconds / 5);
    long from = Math.round(warm * 1e9);
    long to = Math.round((warm + windowSeconds) * 1e9);
    Trace a = generate(shape, load, warm + windowSeconds + TAIL_SECONDS, cluster.seed());
    Trace b = generate(shape, load, warm + windowSeconds, cluster.seed() + 1);
    Run r = run(cluster, queuePolicy, weights, List.of(new Stream(new UserInfo(first, "", 0), a),
        new Stream(new UserInfo(second, "", 0), b)), maxOutstanding, from, to);
    double seconds = windowSeconds;
    double total = r.inWindow[0] + r.inWindow[1];
    // Work conservation: from the second user's last task end, the first 100 ms in which the first
    // user ran on (nearly) every slot, while the first user still offered work.
    double perBucketFull = cluster.totalSlots() * (BUCKET_NANOS / (double) shape.meanTaskNanos());
    long aliceArrivalsEnd = a.jobs().get(a.size() - 1).arrivalNanos();
    double catchUp = Double.NaN;
    double fraction = Double.NaN;
    long[] firstBuckets = r.buckets[0];
    for (int k = (int) (r.lastEnd[1] / BUCKET_NANOS) + 1; k < firstBuckets.length && k * BUCKET_NANOS < aliceArrivalsEnd; k++) {
      if (firstBuckets[k] >= 0.95 * perBucketFull) {
        catchUp = Math.max(0, (k * BUCKET_NANOS - r.lastEnd[1]) / 1e6);
        fraction = firstBuckets[k] / perBucketFull;
        break;
      }
    }
    return new FairResult(queuePolicy, r.inWindow[0] / total, r.inWindow[1] / total, r.inWindow[0] / seconds,
        r.inWindow[1] / seconds, catchUp, fraction, r.dropped);
  }

  /** The default outstanding-jobs cap of a fair-share user: four times the cluster's slots in tasks. */
  public static int defaultMaxOutstanding(SimConfig cluster) {
    return Math.max(1, 4 * cluster.totalSlots() / 8);
  }

  /** One user's jobs. */
  private record Stream(UserInfo user, Trace trace) {}

  /** A merged run: per stream, task ends in the window, per 100 ms, and the last end. */
  private static final class Run implements TaskEndListener {
    final int[] streamOf;
    final long[] arrival;
    final long from;
    final long to;
    final long[] inWindow;
    final long[][] buckets;
    final long[] lastEnd;
    long[] response;
    long dropped;

    Run(int jobs, int streams, long from, long to) {
      streamOf = new int[jobs];
      arrival = new long[jobs];
      this.from = from;
      this.to = to;
      inWindow = new long[streams];
      buckets = new long[streams][64];
      lastEnd = new long[streams];
    }

    @Override
    public void ended(int jobIndex, long timeNanos) {
      int s = streamOf[jobIndex];
      if (timeNanos >= from && timeNanos < to) {
        inWindow[s]++;
      }
      int b = (int) (timeNanos / BUCKET_NANOS);
      if (b >= buckets[s].length) {
        buckets[s] = Arrays.copyOf(buckets[s], Math.max(b + 1, buckets[s].length * 2));
      }
      buckets[s][b]++;
      lastEnd[s] = Math.max(lastEnd[s], timeNanos);
    }

    /** Response times of stream {@code s}'s jobs that arrived from {@code measureFrom} on and ran. */
    ResponseStats response(int s, long measureFrom) {
      long[] values = new long[response.length];
      int n = 0;
      for (int j = 0; j < response.length; j++) {
        if (streamOf[j] == s && arrival[j] >= measureFrom && response[j] >= 0) {
          values[n++] = response[j];
        }
      }
      return ResponseStats.of(Arrays.copyOf(values, n));
    }
  }

  /** The streams merged by arrival on one cluster of {@code queuePolicy} node monitors. */
  private static Run run(SimConfig cluster, String queuePolicy, QueueConfig weights, List<Stream> streams,
      int maxOutstanding, long from, long to) {
    int total = streams.stream().mapToInt(s -> s.trace().size()).sum();
    Run r = new Run(total, streams.size(), from, to);
    List<SimJob> merged = new ArrayList<>(total);
    int[] next = new int[streams.size()];
    while (merged.size() < total) {
      int pick = -1;
      for (int s = 0; s < streams.size(); s++) {
        List<SimJob> jobs = streams.get(s).trace().jobs();
        if (next[s] < jobs.size() && (pick < 0
            || jobs.get(next[s]).arrivalNanos() < streams.get(pick).trace().jobs().get(next[pick]).arrivalNanos())) {
          pick = s;
        }
      }
      SimJob job = streams.get(pick).trace().jobs().get(next[pick]++);
      int index = merged.size();
      r.streamOf[index] = pick;
      r.arrival[index] = job.arrivalNanos();
      merged.add(new SimJob(index, job.arrivalNanos(), job.taskNanos()));
    }
    UserInfo[] users = streams.stream().map(Stream::user).toArray(UserInfo[]::new);
    ClusterSimulation sim = new ClusterSimulation(cluster.withJobs(Math.max(1, total)), PLACEMENT, true,
        PlacementPolicies.defaults(), queuePolicy, weights, job -> users[r.streamOf[job.index()]]).onTaskEnd(r);
    if (maxOutstanding != Integer.MAX_VALUE) {
      sim.maxOutstandingPerUser(maxOutstanding);
    }
    r.response = sim.run(new Trace(merged)).responseNanos();
    r.dropped = sim.dropped();
    return r;
  }

  private static SimConfig shape(SimConfig c, int tasksPerJob, long taskMs) {
    return new SimConfig(c.workers(), c.slotsPerWorker(), c.schedulers(), tasksPerJob,
        TimeUnit.MILLISECONDS.toNanos(taskMs), DurationDistribution.CONSTANT, true, c.jobs(),
        0, c.networkDelayNanos(), c.probeRatio(), c.seed());
  }

  /** Poisson arrivals offering {@code load} of the slots for about {@code seconds}. */
  private static Trace generate(SimConfig shape, double load, double seconds, long seed) {
    double rate = WorkloadSpec.jobsPerSecondForLoad(load, shape.totalSlots(), shape.tasksPerJob(), shape.meanTaskNanos());
    int jobs = Math.max(1, (int) Math.round(rate * seconds));
    return TraceGenerator.generate(new WorkloadSpec(rate, shape.tasksPerJob(), shape.meanTaskNanos(),
        DurationDistribution.CONSTANT, true, jobs, seed));
  }
}
