package org.sparrow.sim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.sparrow.common.NamedThreads;

/**
 * Runs (policy, load) points. Each point is its own single-threaded, seeded simulation, so
 * points can run in parallel and a point's result does not depend on how many ran beside it.
 */
public final class Simulator {

  private final Map<String, SimPolicy> policies;

  private Simulator(Map<String, SimPolicy> policies) {
    this.policies = policies;
  }

  /** Every built-in policy. */
  public static Simulator withBuiltInPolicies() {
    Map<String, SimPolicy> all = new LinkedHashMap<>();
    for (SimPolicy p : SimPolicies.all()) {
      all.put(p.name(), p);
    }
    return new Simulator(all);
  }

  public List<String> policyNames() {
    return List.copyOf(policies.keySet());
  }

  public SimPolicy policy(String name) {
    SimPolicy p = name == null ? null : policies.get(name.trim());
    if (p == null) {
      throw new IllegalArgumentException("unknown simulator policy '" + name + "'; valid: "
          + String.join(", ", policies.keySet()));
    }
    return p;
  }

  /** One point: fifo node monitors, anonymous jobs. */
  public PolicyResult run(SimConfig config, String policyName, double load) {
    return run(config, policyName, QueueSetup.DEFAULTS, load);
  }

  /** One point with the node monitors' queue policy, weights and the jobs' users of {@code queue}. */
  public PolicyResult run(SimConfig config, String policyName, QueueSetup queue, double load) {
    SimPolicy policy = policy(policyName);
    Trace trace = TraceGenerator.generate(config.workload(load));
    UserTally tally = new UserTally(queue.users(), trace, config.warmupJobs());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    SimPolicy.Outcome outcome = policy.simulate(trace, config, queue, tally);
    long wall = System.nanoTime() - start;
    long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
    long[] measured = Arrays.copyOfRange(outcome.responseNanos(), config.warmupJobs(), trace.size());
    String queuePolicy = policy instanceof OmniscientPolicy ? null : queue.queuePolicy();
    return new PolicyResult(policy.name(), queuePolicy, load, ResponseStats.of(measured), wall, cpu, outcome.events(),
        tally.figures(outcome.responseNanos()));
  }

  /**
   * Every policy at every load, on up to {@code threads} threads (owned by this call); results
   * in policy-major order. {@code progress} sees each point as it finishes (on a worker thread).
   */
  public List<PolicyResult> runAll(SimConfig config, List<String> policyNames, List<Double> loads,
      int threads, Consumer<PolicyResult> progress) throws InterruptedException {
    return runAll(config, policyNames, List.of(QueueSetup.DEFAULTS), loads, threads, progress);
  }

  /**
   * Every policy under every queue setup at every load; results in policy-major, then queue,
   * then load order. A policy without node monitors (omniscient) runs once per load, with the
   * first setup's users.
   */
  public List<PolicyResult> runAll(SimConfig config, List<String> policyNames, List<QueueSetup> queues,
      List<Double> loads, int threads, Consumer<PolicyResult> progress) throws InterruptedException {
    policyNames.forEach(this::policy);  // fail on a bad name before any work
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("at least one queue setup is needed");
    }
    for (double load : loads) {
      if (!(load > 0) || Double.isInfinite(load)) {
        throw new IllegalArgumentException("load must be positive, got " + load);
      }
    }
    List<Callable<PolicyResult>> points = new ArrayList<>();
    for (String p : policyNames) {
      List<QueueSetup> setups = policy(p) instanceof OmniscientPolicy ? queues.subList(0, 1) : queues;
      for (QueueSetup q : setups) {
        for (double load : loads) {
          points.add(() -> {
            PolicyResult r = run(config, p, q, load);
            progress.accept(r);
            return r;
          });
        }
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, points.size())),
        NamedThreads.daemon("sim"));
    try {
      List<Future<PolicyResult>> futures = new ArrayList<>(points.size());
      for (Callable<PolicyResult> point : points) {
        futures.add(pool.submit(point));
      }
      List<PolicyResult> results = new ArrayList<>(points.size());
      for (Future<PolicyResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException("simulation failed: " + cause, cause);
        }
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
