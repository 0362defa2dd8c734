package org.sparrow.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.sparrow.common.NamedThreads;
import org.sparrow.nodemonitor.queue.QueueConfig;
import org.sparrow.sim.QueueExperiments;
import org.sparrow.sim.ResponseStats;
import org.sparrow.sim.SimConfig;

/**
 * The two queue-policy experiments of {@code sparrow sim --queue-experiment}, with the options
 * already checked by {@link SimCommand}: each runs its policies on up to {@code parallel} threads,
 * prints its table and returns its JSON results, one per policy in the order given.
 */
final class SimQueueRuns {

  private SimQueueRuns() {}

  /**
   * Foreground next to background, per policy, against one idle-foreground run of {@code
   * idlePolicy} (alone, the foreground is one user at one priority: every policy serves it first
   * come first served), run next to the loaded ones on the same threads.
   */
  static List<Object> priority(SimConfig cluster, List<String> chosen, String idlePolicy, QueueConfig weights,
      double seconds, int parallel, PrintStream out) {
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.max(1, Math.min(parallel, chosen.size() + 1)), NamedThreads.daemon("sim"));
    List<QueueExperiments.PriorityResult> rs;
    try {
      CompletableFuture<ResponseStats> idle = CompletableFuture.supplyAsync(
          () -> QueueExperiments.idleForeground(cluster, idlePolicy, QueueConfig.DEFAULTS, seconds), pool);
      List<CompletableFuture<QueueExperiments.PriorityResult>> loaded = new ArrayList<>();
      for (String q : chosen) {
        loaded.add(CompletableFuture.supplyAsync(
            () -> QueueExperiments.priority(cluster, q, weights, seconds, null), pool));
      }
      ResponseStats idleStats = joined(idle);
      rs = new ArrayList<>();
      for (CompletableFuture<QueueExperiments.PriorityResult> f : loaded) {
        QueueExperiments.PriorityResult r = joined(f);
        rs.add(new QueueExperiments.PriorityResult(r.queuePolicy(), idleStats, r.loaded(), r.backgroundTasksPerSecond()));
      }
    } finally {
      pool.shutdownNow();
    }
    out.printf("%-24s %28s %28s %14s %12s%n", "queue policy", "foreground idle p50/p99 ms",
        "with background p50/p99 ms", "ratio p50/p99", "bg tasks/s");
    List<Object> results = new ArrayList<>();
    for (QueueExperiments.PriorityResult r : rs) {
      out.printf(Locale.ROOT, "%-24s %17.2f / %8.2f %17.2f / %8.2f %6.2f / %5.2f %12.0f%n", r.queuePolicy(),
          r.idle().p50Millis(), r.idle().p99Millis(), r.loaded().p50Millis(), r.loaded().p99Millis(),
          r.p50Ratio(), r.p99Ratio(), r.backgroundTasksPerSecond());
      results.add(SimReport.priority(r));
    }
    return results;
  }

  /** Two users of weights {@code weights} each offering {@code offered} of the slots, per policy. */
  static List<Object> fairShare(SimConfig cluster, List<String> chosen, QueueConfig weights, String first,
      String second, double offered, double seconds, int cap, int parallel, PrintStream out) {
    out.printf(Locale.ROOT, "%s (weight %d) and %s (weight %d) each offer %.2f of the slots, at most %d jobs "
            + "unfinished each; %s stops after the window, %s goes on %.0f s%n", first, weights.weightOf(first), second,
        weights.weightOf(second), offered, cap, second, first, QueueExperiments.TAIL_SECONDS);
    List<QueueExperiments.FairResult> rs = parallelMap(chosen, parallel,
        q -> QueueExperiments.fairShare(cluster, q, weights, first, second, offered, seconds, cap));
    out.printf("%-24s %18s %18s %28s%n", "queue policy", first + " tasks/s (share)",
        second + " tasks/s (share)", first + " whole cluster after (ms)");
    List<Object> results = new ArrayList<>();
    for (QueueExperiments.FairResult r : rs) {
      out.printf(Locale.ROOT, "%-24s %9.0f (%5.1f%%) %9.0f (%5.1f%%) %28.0f%n", r.queuePolicy(),
          r.firstTasksPerSecond(), 100 * r.firstShare(), r.secondTasksPerSecond(), 100 * r.secondShare(),
          r.catchUpMs());
      results.add(SimReport.fairShare(r, first, second));
    }
    return results;
  }

  /** The future's value; a run's own RuntimeException (a bad setting) is rethrown as it is. */
  private static <T> T joined(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw e;
    }
  }

  /** {@code f} over {@code items} on up to {@code threads} threads; results in item order. */
  private static <T> List<T> parallelMap(List<String> items, int threads, Function<String, T> f) {
    List<T> out = new ArrayList<>();
    List<CompletableFuture<T>> futures = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(
        Math.max(1, Math.min(threads, items.size())), NamedThreads.daemon("sim"));
    try {
      for (String item : items) {
        futures.add(CompletableFuture.supplyAsync(() -> f.apply(item), pool));
      }
      for (CompletableFuture<T> fut : futures) {
        out.add(joined(fut));
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
