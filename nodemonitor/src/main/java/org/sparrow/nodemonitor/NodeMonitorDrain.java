package org.sparrow.nodemonitor;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.sparrow.nodemonitor.thrift.BatchingCompletionReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node monitor's way out: a drain (the core refuses new reservations and hands queued ones
 * back; running tasks finish up to a timeout and are reported) that ends in the daemon's close,
 * and the {@link #terminated()} future that completes once it is closed, whichever way.
 */
final class NodeMonitorDrain {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitorDrain.class);

  private final AtomicBoolean started = new AtomicBoolean();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private final Supplier<String> id;
  private final Runnable close;

  /** @param close closes the daemon (withdrawing its announcement first); runs at the drain's end */
  NodeMonitorDrain(Supplier<String> id, Runnable close) {
    this.id = Objects.requireNonNull(id);
    this.close = Objects.requireNonNull(close);
  }

  /**
   * Starts draining {@code core} unless a drain already runs (that one keeps its timeout) or
   * there is no core (not started): returns {@link #terminated()} at once.
   */
  CompletionStage<Void> drain(NodeMonitorCore core, BatchingCompletionReporter reporter, long timeoutMs) {
    if (core == null || !started.compareAndSet(false, true)) {
      return terminated;
    }
    LOG.info("Node monitor {} draining (timeout {} ms)", id.get(), timeoutMs);
    CompletableFuture<Void> idle = core.drain().toCompletableFuture();
    Thread finisher = new Thread(() -> finish(core, reporter, idle, timeoutMs), "nodemonitor-drain");
    finisher.setDaemon(true);
    finisher.start();
    return terminated;
  }

  private void finish(NodeMonitorCore core, BatchingCompletionReporter reporter,
      CompletableFuture<Void> idle, long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    try {
      idle.get(timeoutMs, TimeUnit.MILLISECONDS);
      // Reports must reach the schedulers before the announcement goes: a scheduler that sees
      // this node leave first would take its finished tasks for LOST.
      long left = Math.max(1_000, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      if (!reporter.awaitIdle(left)) {
        LOG.warn("Node monitor {}: completion reports still unsent after the drain", id.get());
      }
      LOG.info("Node monitor {} drained: every task finished and was reported", id.get());
    } catch (TimeoutException e) {
      LOG.warn("Node monitor {}: drain timeout of {} ms passed with {} tasks running; they end "
          + "LOST", id.get(), timeoutMs, core.load().runningTasks());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.error("Node monitor {}: drain failed", id.get(), e);
    } finally {
      close.run();
    }
  }

  boolean started() {
    return started.get();
  }

  /** The daemon's close calls this last. */
  void closed() {
    terminated.complete(null);
  }

  CompletionStage<Void> terminated() {
    return terminated;
  }
}
