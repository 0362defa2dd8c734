package org.sparrow.nodemonitor;

import org.sparrow.common.TaskState;

import org.sparrow.common.NodeLoad;
import com.codahale.metrics.Counter;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The node monitor's Dropwizard metrics; every name starts with {@value #PREFIX}. */
final class NodeMonitorMetrics {

  static final String PREFIX = "nodemonitor.";
  static final String GET_TASKS = PREFIX + "getTasks.roundTrip";
  static final String RUN_TIME = PREFIX + "tasks.runTime";
  static final String QUEUE_WAIT = PREFIX + "tasks.queueWait";
  static final String COMPLETED = PREFIX + "tasks.completed";
  static final String FAILED = PREFIX + "tasks.failed";
  static final String QUEUED = PREFIX + "queue.reservations";
  static final String RUNNING = PREFIX + "tasks.running";
  static final String SLOTS = PREFIX + "slots";
  static final String FETCHING = PREFIX + "slots.fetching";
  static final String SUSPENDED = PREFIX + "tasks.suspended";
  static final String PREEMPTED = PREFIX + "tasks.preempted";
  private static final List<String> GAUGES =
      List.of(QUEUED, RUNNING, SLOTS, FETCHING, SUSPENDED, PREEMPTED);

  private final MetricRegistry registry;
  final Timer getTasks;
  final Timer runTime;
  final Timer queueWait;
  final Counter completed;
  final Counter failed;

  NodeMonitorMetrics(MetricRegistry registry) {
    this.registry = registry;
    this.getTasks = registry.timer(GET_TASKS);
    this.runTime = registry.timer(RUN_TIME);
    this.queueWait = registry.timer(QUEUE_WAIT);
    this.completed = registry.counter(COMPLETED);
    this.failed = registry.counter(FAILED);
  }

  void registerGauges(Supplier<NodeLoad> load) {
    registry.register(QUEUED, (Gauge<Integer>) () -> load.get().queuedReservations());
    registry.register(RUNNING, (Gauge<Integer>) () -> load.get().runningTasks());
    registry.register(SLOTS, (Gauge<Integer>) () -> load.get().slots());
    registry.register(FETCHING, (Gauge<Integer>) () -> load.get().fetchingSlots());
  }

  /** Tasks suspended now, and suspensions so far, by a preemptive queue policy. */
  void registerPreemptionGauges(java.util.function.IntSupplier suspended,
      java.util.function.LongSupplier preempted) {
    registry.register(SUSPENDED, (Gauge<Integer>) suspended::getAsInt);
    registry.register(PREEMPTED, (Gauge<Long>) preempted::getAsLong);
  }

  /** Gauges read a live core; a closed daemon takes them away so the registry can be reused. */
  void removeGauges() {
    GAUGES.forEach(registry::remove);
  }

  /** Counts and times every finished task on its way to {@code delegate}. */
  CompletionSink metered(CompletionSink delegate) {
    return (scheduler, result) -> {
      completed.inc();
      if (result.state() != TaskState.SUCCEEDED) {
        failed.inc();
      }
      runTime.update(result.runMicros(), TimeUnit.MICROSECONDS);
      queueWait.update(result.queuedMicros(), TimeUnit.MICROSECONDS);
      delegate.taskFinished(scheduler, result);
    };
  }
}
