package org.sparrow.sim;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.sparrow.nodemonitor.queue.QueueConfig;
import org.sparrow.common.UserInfo;
import org.sparrow.scheduler.placement.PlacementPolicies;

/**
 * The two queue-policy experiments of docs/benchmarks.md on a simulated cluster, with the node
 * monitors' own queue classes: strict priorities shielding a light foreground stream from a
 * background overload, and weighted fair sharing between two overloaded users.
 */
public final class QueueExperiments {

  private static final String PLACEMENT = "batch-late-binding";
  private static final long BUCKET_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private static final UserInfo WEB = new UserInfo("web", "", 0);
  private static final UserInfo BATCH = new UserInfo("batch", "", 1);

  private QueueExperiments() {}

  /** Foreground response times alone and next to the background, under one queue policy. */
  public record PriorityResult(String queuePolicy, ResponseStats idle, ResponseStats loaded) {}

  /**
   * Foreground: priority 0, 8 × 10 ms tasks at 10% of the slots. Background: priority 1,
   * 8 × 100 ms at 120%. Both Poisson, for {@code seconds} of arrivals; the first fifth of the
   * foreground jobs is not measured.
   */
  public static PriorityResult priority(SimConfig cluster, String queuePolicy, double seconds) {
    SimConfig fg = shape(cluster, 8, 10);
    SimConfig bg = shape(cluster, 8, 100);
    Trace fgTrace = generate(fg, 0.1, seconds, cluster.seed());
    Trace bgTrace = generate(bg, 1.2, seconds, cluster.seed() + 1);
    ResponseStats idle = foreground(run(cluster, queuePolicy, QueueConfig.DEFAULTS, fgTrace.jobs(), WEB, List.of(), BATCH), fgTrace);
    ResponseStats loaded = foreground(run(cluster, queuePolicy, QueueConfig.DEFAULTS, fgTrace.jobs(), WEB, bgTrace.jobs(), BATCH), fgTrace);
    return new PriorityResult(queuePolicy, idle, loaded);
  }

  /**
   * Shares of two users, alice (weight 3) and bob (weight 1), each offering {@code load} of the
   * slots in 8 × 100 ms jobs: their task throughput in the window from {@code seconds}/5 to the
   * end of arrivals; and, in a second run where bob offers 40% and stops halfway, how soon after
   * bob's last task ended alice ran on the whole cluster.
   *
   * @param alice      alice's share of the tasks completed in the window
   * @param catchUpMs  from bob's last task end to the first 100 ms in which alice completed at
   *                   least 95% of what the whole cluster can (a full cluster is 100%)
   */
  public record FairResult(double alice, double bob, double catchUpMs, double aliceAloneFraction) {}

  public static FairResult fairShare(SimConfig cluster, String queuePolicy, double load, double seconds) {
    return fairShare(cluster, queuePolicy, load, seconds, "alice", 3, "bob", 1);
  }

  /** As {@link #fairShare(SimConfig, String, double, double)} with other users and weights. */
  public static FairResult fairShare(SimConfig cluster, String queuePolicy, double load, double seconds,
      String alice, int aliceWeight, String bob, int bobWeight) {
    QueueConfig weights = new QueueConfig(Map.of(alice, aliceWeight, bob, bobWeight), 1);
    SimConfig shape = shape(cluster, 8, 100);
    UserInfo aliceInfo = new UserInfo(alice, "", 0);
    UserInfo bobInfo = new UserInfo(bob, "", 0);
    Trace a = generate(shape, load, seconds, cluster.seed());
    // Shares: both users offer `load` throughout.
    Sim shares = run(cluster, queuePolicy, weights, a.jobs(), aliceInfo,
        generate(shape, load, seconds, cluster.seed() + 1).jobs(), bobInfo);
    long from = Math.round(seconds / 5 * 1e9);
    long to = Math.round(seconds * 1e9);
    long[] done = new long[2];
    for (long[] end : shares.taskEnds) {
      if (end[1] >= from && end[1] < to) {
        done[shares.second[(int) end[0]] ? 1 : 0]++;
      }
    }
    // Work conservation: bob offers a little more than his share and stops at half time, so
    // his backlog ends while alice still offers more than the cluster can run.
    Sim s = run(cluster, queuePolicy, weights, a.jobs(), aliceInfo,
        generate(shape, 0.4, seconds / 2, cluster.seed() + 1).jobs(), bobInfo);
    long bobLast = 0;
    for (long[] end : s.taskEnds) {
      if (s.second[(int) end[0]]) {
        bobLast = Math.max(bobLast, end[1]);
      }
    }
    // Alice's completions per bucket from bob's last task on.
    double perBucketFull = cluster.totalSlots() * (BUCKET_NANOS / (double) shape.meanTaskNanos());
    long[] aliceBuckets = new long[(int) (s.lastEnd / BUCKET_NANOS) + 2];
    for (long[] end : s.taskEnds) {
      if (!s.second[(int) end[0]]) {
        aliceBuckets[(int) (end[1] / BUCKET_NANOS)]++;
      }
    }
    double catchUp = Double.NaN;
    double fraction = Double.NaN;
    long aliceArrivalsEnd = a.jobs().get(a.size() - 1).arrivalNanos();
    for (int k = (int) (bobLast / BUCKET_NANOS) + 1; k < aliceBuckets.length && k * BUCKET_NANOS < aliceArrivalsEnd; k++) {
      if (aliceBuckets[k] >= 0.95 * perBucketFull) {
        catchUp = Math.max(0, (k * BUCKET_NANOS - bobLast) / 1e6);
        fraction = aliceBuckets[k] / perBucketFull;
        break;
      }
    }
    double total = done[0] + done[1];
    return new FairResult(done[0] / total, done[1] / total, catchUp, fraction);
  }

  private record Sim(long[] response, boolean[] second, List<long[]> taskEnds, long lastEnd) {}

  /** Both streams merged by arrival; jobs of {@code second} are the background / bob. */
  private static Sim run(SimConfig cluster, String queuePolicy, QueueConfig queueConfig,
      List<SimJob> first, UserInfo firstUser, List<SimJob> secondStream, UserInfo secondUser) {
    List<SimJob> merged = new ArrayList<>(first.size() + secondStream.size());
    List<Boolean> isSecond = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < first.size() || j < secondStream.size()) {
      boolean takeSecond = i == first.size()
          || (j < secondStream.size() && secondStream.get(j).arrivalNanos() < first.get(i).arrivalNanos());
      SimJob job = takeSecond ? secondStream.get(j++) : first.get(i++);
      merged.add(new SimJob(merged.size(), job.arrivalNanos(), job.taskNanos()));
      isSecond.add(takeSecond);
    }
    boolean[] second = new boolean[merged.size()];
    for (int k = 0; k < second.length; k++) {
      second[k] = isSecond.get(k);
    }
    Function<SimJob, UserInfo> userOf = job -> second[job.index()] ? secondUser : firstUser;
    SimConfig config = cluster.withJobs(Math.max(1, merged.size()));
    ClusterSimulation sim = new ClusterSimulation(config, PLACEMENT, true, PlacementPolicies.defaults(),
        queuePolicy, queueConfig, userOf).recordTaskEnds();
    SimPolicy.Outcome outcome = sim.run(new Trace(merged));
    long lastEnd = sim.taskEnds().isEmpty() ? 0 : sim.taskEnds().get(sim.taskEnds().size() - 1)[1];
    return new Sim(outcome.responseNanos(), second, sim.taskEnds(), lastEnd);
  }

  private static ResponseStats foreground(Sim s, Trace fgTrace) {
    long measureFrom = fgTrace.jobs().get(fgTrace.size() / 5).arrivalNanos();
    List<Long> values = new ArrayList<>();
    // Re-find the foreground jobs: the merged trace keeps their arrival times.
    long[] fgArrivals = fgTrace.jobs().stream().mapToLong(SimJob::arrivalNanos).toArray();
    int k = 0;
    for (int idx = 0; idx < s.second.length; idx++) {
      if (!s.second[idx]) {
        if (fgArrivals[k] >= measureFrom) {
          values.add(s.response[idx]);
        }
        k++;
      }
    }
    long[] arr = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(arr);
    return ResponseStats.of(arr);
  }

  private static SimConfig shape(SimConfig c, int tasksPerJob, long taskMs) {
    return new SimConfig(c.workers(), c.slotsPerWorker(), c.schedulers(), tasksPerJob,
        TimeUnit.MILLISECONDS.toNanos(taskMs), DurationDistribution.CONSTANT, true, c.jobs(),
        0, c.networkDelayNanos(), c.probeRatio(), c.seed());
  }

  private static Trace generate(SimConfig shape, double load, double seconds, long seed) {
    double rate = WorkloadSpec.jobsPerSecondForLoad(load, shape.totalSlots(), shape.tasksPerJob(), shape.meanTaskNanos());
    int jobs = Math.max(1, (int) Math.round(rate * seconds));
    return TraceGenerator.generate(new WorkloadSpec(rate, shape.tasksPerJob(), shape.meanTaskNanos(),
        DurationDistribution.CONSTANT, true, jobs, seed));
  }
}
