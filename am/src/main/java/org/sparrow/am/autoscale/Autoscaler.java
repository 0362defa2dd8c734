package org.sparrow.am.autoscale;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.common.Clock;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.NamedThreads;

/**
 * Runs an {@link AutoscalePolicy}: every interval it takes a load sample, asks the policy, logs
 * each decision with its reason, keeps the recent ones for the status page, and applies a
 * change of size (the AM writes it to ZooKeeper as a resize would, so a restarted AM resumes
 * it). {@link #tick} is the whole loop body, callable from tests without the thread.
 */
public final class Autoscaler implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);
  private static final int DECISIONS_KEPT = 20;

  private final AutoscaleSettings settings;
  private final AutoscalePolicy policy;
  private final Supplier<Optional<LoadSample>> sampler;
  private final IntConsumer resize;
  private final Clock clock;
  private final Deque<AutoscaleDecision> decisions = new ArrayDeque<>();
  private final Lifecycle lifecycle = new Lifecycle("autoscaler");
  private ScheduledExecutorService thread;

  /**
   * @param sampler the current load; empty when it cannot be measured now (no decision then)
   * @param resize  applies a new number of node monitors
   */
  public Autoscaler(AutoscaleSettings settings, AutoscalePolicy policy, Supplier<Optional<LoadSample>> sampler,
      IntConsumer resize, Clock clock) {
    this.settings = settings;
    this.policy = policy;
    this.sampler = sampler;
    this.resize = resize;
    this.clock = clock;
  }

  public synchronized Autoscaler start() {
    lifecycle.markStarted();
    thread = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("am-autoscaler"));
    thread.scheduleWithFixedDelay(() -> {
      try {
        tick();
      } catch (RuntimeException e) {
        LOG.warn("Autoscaling step failed", e);
      }
    }, settings.intervalMs(), settings.intervalMs(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** One sample, one decision (if any), applied. */
  public void tick() {
    Optional<LoadSample> sample = sampler.get();
    if (sample.isEmpty()) {
      return;
    }
    Optional<AutoscaleDecision> decision;
    synchronized (this) {
      decision = policy.decide(sample.get(), clock.currentTimeMillis());
      decision.ifPresent(d -> {
        decisions.addLast(d);
        while (decisions.size() > DECISIONS_KEPT) {
          decisions.removeFirst();
        }
      });
    }
    decision.ifPresent(d -> {
      LOG.info("Autoscale: node monitors {} -> {}: {}", d.from(), d.to(), d.reason());
      if (d.to() != d.from()) {
        resize.accept(d.to());
      }
    });
  }

  public AutoscaleSettings settings() {
    return settings;
  }

  /** The recent decisions, oldest first. */
  public synchronized List<AutoscaleDecision> decisions() {
    return List.copyOf(decisions);
  }

  @Override
  public synchronized void close() {
    if (lifecycle.markClosed() && thread != null) {
      thread.shutdownNow();
    }
  }
}
