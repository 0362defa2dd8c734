package org.sparrow.status;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.common.Clock;
import org.sparrow.common.Closeables;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.LoadProbe;
import org.sparrow.common.NamedThreads;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.common.thrift.ThriftLoadProbe;
import org.sparrow.status.StatusSampler.Answer;

/**
 * The one status layer: every {@code interval} it reads membership from the directory, asks
 * every node monitor for its load and every scheduler for its figures (in parallel, each answer
 * bounded by the probe timeout so one dead member cannot stall a round), and publishes a
 * {@link ClusterSnapshot} to {@link #latest()} and to listeners. The AM's status page, the
 * dashboard and the CLI all read it.
 *
 * <p>One sampling thread, owned; rounds never overlap (fixed delay), so a slow round stretches
 * the interval instead of piling up probes.
 */
public final class ClusterStatus implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ClusterStatus.class);
  /** Probes in flight at once: 200 node monitors answer in a few rounds of loopback calls. */
  private static final int PROBE_THREADS = 8;

  private final Lifecycle lifecycle = new Lifecycle("cluster status");
  private final ClusterDirectory directory;
  private final LoadProbe loads;
  private final SchedulerStatsProbe stats;
  private final Clock clock;
  private final long intervalMs;
  private final long probeWaitMs;
  private final StatusSampler sampler;
  private final List<Consumer<ClusterSnapshot>> listeners = new CopyOnWriteArrayList<>();
  private final List<AutoCloseable> owned;
  private volatile ClusterSnapshot latest;
  private ScheduledExecutorService timer;

  private ClusterStatus(Builder b) {
    this.directory = Objects.requireNonNull(b.directory, "directory");
    this.loads = Objects.requireNonNull(b.loads, "load probe");
    this.stats = Objects.requireNonNull(b.stats, "scheduler stats probe");
    this.clock = b.clock;
    this.intervalMs = b.intervalMs;
    this.probeWaitMs = b.probeWaitMs;
    this.owned = List.copyOf(b.owned);
    this.sampler = new StatusSampler(directory.clusterName(), b.intervalMs, b.historyPoints, b.maxFailures);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Takes a first sample now (so {@link #latest()} is never null afterwards), then one per interval. */
  public ClusterStatus start() {
    lifecycle.markStarted();
    sampleNow();
    timer = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("cluster-status"));
    timer.scheduleWithFixedDelay(this::sampleQuietly, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    return this;
  }

  /** The newest sample; null only before {@link #start()}. */
  public ClusterSnapshot latest() {
    return latest;
  }

  public long intervalMs() {
    return intervalMs;
  }

  /** Called with every new sample on the sampling thread (keep it short); returns a remover. */
  public AutoCloseable addListener(Consumer<ClusterSnapshot> listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Takes one sample now, on the calling thread. */
  public synchronized ClusterSnapshot sampleNow() {
    Map<NodeMonitorInfo, CompletableFuture<NodeLoad>> loadCalls = new LinkedHashMap<>();
    for (NodeMonitorInfo nm : directory.nodeMonitors().snapshot().values()) {
      loadCalls.put(nm, call(() -> loads.probe(nm).toCompletableFuture()));
    }
    Map<SchedulerInfo, CompletableFuture<SchedulerStats>> statCalls = new LinkedHashMap<>();
    for (SchedulerInfo s : directory.schedulers().snapshot().values()) {
      statCalls.put(s, call(() -> stats.probe(s).toCompletableFuture()));
    }
    long deadline = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(probeWaitMs);
    Map<NodeMonitorInfo, Answer<NodeLoad>> loadAnswers = new LinkedHashMap<>();
    loadCalls.forEach((nm, f) -> loadAnswers.put(nm, await(f, deadline)));
    Map<SchedulerInfo, Answer<SchedulerStats>> statAnswers = new LinkedHashMap<>();
    statCalls.forEach((s, f) -> statAnswers.put(s, await(f, deadline)));
    ClusterSnapshot snapshot = sampler.next(clock.currentTimeMillis(), loadAnswers, statAnswers);
    latest = snapshot;
    for (Consumer<ClusterSnapshot> l : listeners) {
      try {
        l.accept(snapshot);
      } catch (RuntimeException e) {
        LOG.warn("Status listener failed", e);
      }
    }
    return snapshot;
  }

  private void sampleQuietly() {
    try {
      sampleNow();
    } catch (RuntimeException e) {
      // Keep sampling: the next round may find the directory reachable again.
      LOG.warn("Sampling the cluster status failed", e);
    }
  }

  private static <T> CompletableFuture<T> call(java.util.function.Supplier<CompletableFuture<T>> probe) {
    try {
      return probe.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private <T> Answer<T> await(CompletableFuture<T> f, long deadlineNanos) {
    try {
      return Answer.of(f.get(Math.max(0, deadlineNanos - clock.nanoTime()), TimeUnit.NANOSECONDS));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() instanceof java.util.concurrent.CompletionException c && c.getCause() != null
          ? c.getCause() : e.getCause();
      return Answer.failed(describe(cause));
    } catch (TimeoutException e) {
      f.cancel(true);
      return Answer.failed("no answer within " + probeWaitMs + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Answer.failed("interrupted");
    }
  }

  private static String describe(Throwable t) {
    String message = t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  @Override
  public void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    Closeables.closeAll(owned.toArray(AutoCloseable[]::new));
  }

  /** Configuration of a {@link ClusterStatus}. */
  public static final class Builder {
    private ClusterDirectory directory;
    private LoadProbe loads;
    private SchedulerStatsProbe stats;
    private Clock clock = Clock.system();
    private long intervalMs = 1_000;
    private long probeWaitMs = 3_000;
    private int historyPoints = 300;
    private int maxFailures = 20;
    private final List<AutoCloseable> owned = new java.util.ArrayList<>();

    public Builder directory(ClusterDirectory d) {
      this.directory = d;
      return this;
    }

    public Builder loadProbe(LoadProbe p) {
      this.loads = p;
      return this;
    }

    public Builder schedulerStatsProbe(SchedulerStatsProbe p) {
      this.stats = p;
      return this;
    }

    /**
     * Probes over Thrift ({@code getLoad}, {@code getSchedulerStats}), each call bounded by
     * {@code timeoutMs}; the probes' pools close with the status.
     */
    public Builder probesOverThrift(int timeoutMs) {
      ThriftLoadProbe l = new ThriftLoadProbe(timeoutMs, PROBE_THREADS);
      ThriftSchedulerStatsProbe st = new ThriftSchedulerStatsProbe(timeoutMs, 2);
      owned.add(l);
      owned.add(st);
      this.loads = l;
      this.stats = st;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c);
      return this;
    }

    /** Time between the end of one round and the start of the next (default 1 s). */
    public Builder intervalMs(long ms) {
      if (ms < 10) {
        throw new IllegalArgumentException("sampling interval must be at least 10 ms, got " + ms);
      }
      this.intervalMs = ms;
      return this;
    }

    /** How long one round waits for all answers (default 3 s). */
    public Builder probeWaitMs(long ms) {
      this.probeWaitMs = ms;
      return this;
    }

    /** Points of history kept for charts (default 300: five minutes at 1 s). */
    public Builder historyPoints(int n) {
      this.historyPoints = n;
      return this;
    }

    /** Recent failures kept (default 20). */
    public Builder maxFailures(int n) {
      this.maxFailures = n;
      return this;
    }

    public ClusterStatus build() {
      return new ClusterStatus(this);
    }
  }
}
