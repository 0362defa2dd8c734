package org.sparrow.nodemonitor;

import java.util.Objects;
import org.sparrow.common.Clock;
import org.sparrow.nodemonitor.launch.TaskLauncher;
import org.sparrow.nodemonitor.queue.FifoReservationQueue;
import org.sparrow.nodemonitor.queue.ReservationQueue;

/**
 * Configuration of a {@link NodeMonitorCore} ({@link NodeMonitorCore#builder()}); fields are read
 * by the core's constructor, which validates them.
 */
public final class NodeMonitorCoreBuilder {

  int slots = Runtime.getRuntime().availableProcessors();
  ReservationQueue queue;
  CancellationTombstones tombstones;
  Clock clock = Clock.system();
  TaskFetcher fetcher;
  TaskLauncher launcher;
  CompletionSink sink;
  ReservationReturner returner = ReservationReturner.NONE;
  java.time.Duration slowSchedulerBackoff = NodeMonitorCore.DEFAULT_SLOW_SCHEDULER_BACKOFF;

  NodeMonitorCoreBuilder() {}

  public NodeMonitorCoreBuilder slots(int slots) {
    this.slots = slots;
    return this;
  }

  /** Default: a new {@link FifoReservationQueue}. */
  public NodeMonitorCoreBuilder queue(ReservationQueue queue) {
    this.queue = queue;
    return this;
  }

  /** Default: {@link CancellationTombstones#DEFAULT_TTL} on the builder's clock. */
  public NodeMonitorCoreBuilder tombstones(CancellationTombstones tombstones) {
    this.tombstones = tombstones;
    return this;
  }

  public NodeMonitorCoreBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  public NodeMonitorCoreBuilder fetcher(TaskFetcher fetcher) {
    this.fetcher = fetcher;
    return this;
  }

  public NodeMonitorCoreBuilder launcher(TaskLauncher launcher) {
    this.launcher = launcher;
    return this;
  }

  public NodeMonitorCoreBuilder sink(CompletionSink sink) {
    this.sink = sink;
    return this;
  }

  /** Where a drain hands queued reservations back. Default: {@link ReservationReturner#NONE}. */
  public NodeMonitorCoreBuilder returner(ReservationReturner returner) {
    this.returner = returner;
    return this;
  }

  /**
   * How long a scheduler that left a fetch unanswered ({@link SchedulerUnresponsiveException})
   * lets other schedulers' reservations go first. Default 5 s.
   */
  public NodeMonitorCoreBuilder slowSchedulerBackoff(java.time.Duration backoff) {
    if (backoff == null || backoff.isNegative()) {
      throw new IllegalArgumentException("slowSchedulerBackoff must not be negative");
    }
    this.slowSchedulerBackoff = backoff;
    return this;
  }

  public NodeMonitorCore build() {
    return new NodeMonitorCore(this);
  }
}
