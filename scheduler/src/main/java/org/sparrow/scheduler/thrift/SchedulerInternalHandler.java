package org.sparrow.scheduler.thrift;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.sparrow.common.Clock;
import org.sparrow.scheduler.Scheduler;
import org.sparrow.scheduler.job.TaskResult;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.TGetTasksResponse;
import org.sparrow.thrift.TSchedulerStats;
import org.sparrow.thrift.TTaskResult;

/** SchedulerInternalService (node monitors): converts wire types and calls the {@link Scheduler}. */
public final class SchedulerInternalHandler implements SchedulerInternalService.Iface {

  /** Kept getTasks answers given up for the byte bound (a repeat of one gets no tasks). */
  public static final String REPEATED_FETCHES_EVICTED_BY_BYTES =
      "scheduler.repeated-fetches.evicted-by-bytes";

  private final Supplier<Scheduler> scheduler;
  private final RepeatedFetches repeated;
  private final Supplier<TSchedulerStats> stats;

  public SchedulerInternalHandler(Supplier<Scheduler> scheduler, Supplier<TSchedulerStats> stats) {
    this(scheduler, stats, new MetricRegistry());
  }

  public SchedulerInternalHandler(Supplier<Scheduler> scheduler, Supplier<TSchedulerStats> stats,
      MetricRegistry metrics) {
    this.scheduler = scheduler;
    this.stats = stats;
    Counter evicted = metrics.counter(REPEATED_FETCHES_EVICTED_BY_BYTES);
    // A repeated fetch id (the node monitor missed the answer) gets the same answer: 60 s is
    // the node monitor's default window for asking again.
    this.repeated = new RepeatedFetches(Clock.system(), 120_000, 50_000,
        RepeatedFetches.boundForHeap(), evicted::inc);
  }

  @Override
  public TGetTasksResponse getTasks(TGetTasksRequest request) {
    if (request == null) {
      return new TGetTasksResponse(List.of(), true);
    }
    return repeated.answer(request.getFetchId(), () -> WireConversions.taskBatch(
        scheduler.get().getTasks(request.getRequestId(), request.getNodeMonitorId(),
            BootIdOnWire.of(request), BootIdOnWire.schedulerOf(request), request.getMaxTasks())));
  }

  @Override
  public void tasksFinished(List<TTaskResult> results) {
    if (results == null || results.isEmpty()) {
      return;
    }
    // Grouped by the node monitor incarnation that ran them and the scheduler incarnation that
    // placed them (one of each in a batch, normally).
    Map<Incarnations, List<TaskResult>> byBootIds = new LinkedHashMap<>();
    for (TTaskResult r : results) {
      if (r != null && r.getTaskId() != null) {
        byBootIds.computeIfAbsent(new Incarnations(BootIdOnWire.of(r), BootIdOnWire.schedulerOf(r)),
            k -> new ArrayList<>()).add(WireConversions.taskResult(r));
      }
    }
    byBootIds.forEach((boots, converted) ->
        scheduler.get().tasksFinished(converted, boots.nodeMonitor(), boots.scheduler()));
  }

  private record Incarnations(String nodeMonitor, String scheduler) {}

  @Override
  public void reservationsReturned(String nodeMonitorId, List<String> requestIds, String schedulerBootId) {
    if (nodeMonitorId == null || requestIds == null || requestIds.isEmpty()) {
      return;
    }
    // Unset (an older node monitor) arrives as null: unknown.
    scheduler.get().reservationsReturned(nodeMonitorId, requestIds,
        schedulerBootId == null ? "" : schedulerBootId);
  }

  @Override
  public TSchedulerStats getSchedulerStats() {
    return stats.get();
  }
}
