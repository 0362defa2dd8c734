package org.sparrow.scheduler.thrift;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import org.sparrow.common.HostPort;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-peer FIFO lanes drained on a shared executor: at most one drain per peer at a time, so a
 * peer sees messages in the order they were queued, and whatever accumulated while a drain was
 * busy goes out together (batches form under load, not by waiting). Threads stay bounded by
 * the executor, whatever the number of peers.
 */
final class PeerLanes<T> {

  private static final Logger LOG = LoggerFactory.getLogger(PeerLanes.class);

  private static final class Lane<T> {
    final ArrayDeque<T> items = new ArrayDeque<>();
    boolean draining;
  }

  private final Executor executor;
  private final int maxBatch;
  private final BiConsumer<HostPort, List<T>> sender;
  private final Map<HostPort, Lane<T>> lanes = new ConcurrentHashMap<>();
  private final int maxQueued;
  private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();

  /** @param sender sends one batch to one peer; must not throw */
  PeerLanes(Executor executor, int maxBatch, BiConsumer<HostPort, List<T>> sender) {
    this(executor, maxBatch, Integer.MAX_VALUE, sender);
  }

  /**
   * @param maxQueued items a peer may have waiting; more are dropped (a slow peer then costs
   *                  bounded memory, never a stall of the caller)
   */
  PeerLanes(Executor executor, int maxBatch, int maxQueued, BiConsumer<HostPort, List<T>> sender) {
    this.executor = executor;
    this.maxBatch = maxBatch;
    this.maxQueued = maxQueued;
    this.sender = sender;
  }

  /** Items dropped because their peer's lane was full. */
  long dropped() {
    return dropped.get();
  }

  /** Queues an item; returns false if the executor no longer takes work (shutting down). */
  boolean add(HostPort peer, T item) {
    @SuppressWarnings("unchecked")
    Lane<T>[] start = new Lane[1];
    boolean[] full = new boolean[1];
    lanes.compute(peer, (k, lane) -> {
      Lane<T> l = lane == null ? new Lane<>() : lane;
      if (l.items.size() >= maxQueued) {
        full[0] = true;
        return l;
      }
      l.items.add(item);
      if (!l.draining) {
        l.draining = true;
        start[0] = l;
      }
      return l;
    });
    if (full[0]) {
      if (dropped.incrementAndGet() % 1000 == 1) {
        LOG.warn("Lane to {} is full ({} waiting): dropping messages ({} so far)", peer, maxQueued, dropped.get());
      }
      return true;
    }
    return start[0] == null || schedule(peer, start[0]);
  }

  /** Removes the peer's lane and returns what was still queued for it. */
  List<T> forget(HostPort peer) {
    List<T> left = new ArrayList<>();
    lanes.computeIfPresent(peer, (k, lane) -> {
      left.addAll(lane.items);
      lane.items.clear();
      return null;
    });
    return left;
  }

  private boolean schedule(HostPort peer, Lane<T> lane) {
    try {
      executor.execute(() -> drainOnce(peer, lane));
      return true;
    } catch (RejectedExecutionException e) {
      LOG.debug("Executor rejected a drain for {}", peer);
      forget(peer);
      return false;
    }
  }

  private void drainOnce(HostPort peer, Lane<T> lane) {
    List<T> batch = new ArrayList<>();
    lanes.computeIfPresent(peer, (k, l) -> {
      if (l != lane) {
        return l;  // the lane was forgotten and replaced; its own drain serves the new one
      }
      while (batch.size() < maxBatch && !l.items.isEmpty()) {
        batch.add(l.items.poll());
      }
      if (batch.isEmpty()) {
        l.draining = false;
        return null;
      }
      return l;
    });
    if (batch.isEmpty()) {
      return;
    }
    try {
      sender.accept(peer, batch);
    } catch (RuntimeException e) {
      LOG.error("Sending {} items to {} failed", batch.size(), peer, e);
    }
    // Re-submit rather than loop, so a busy peer does not starve the others.
    schedule(peer, lane);
  }
}
