package org.sparrow.scheduler.thrift;

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

  /**
   * Kept getTasks answers given up for the byte bound (a repeat of one gets no tasks, and the
   * runs it handed out are lost: {@code scheduler.get-tasks.answer-lost}).
   */
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
    // A repeated fetch id (the node monitor missed the answer) gets the same answer: 60 s is
    // the node monitor's default window for asking again.
    this(scheduler, stats, new RepeatedFetches(Clock.system(), 120_000, 50_000,
        RepeatedFetches.boundForHeap(), metrics.counter(REPEATED_FETCHES_EVICTED_BY_BYTES)::inc));
  }

  /** With the given memory of answered fetches (tests bound it tightly). */
  SchedulerInternalHandler(Supplier<Scheduler> scheduler, Supplier<TSchedulerStats> stats,
      RepeatedFetches repeated) {
    this.scheduler = scheduler;
    this.stats = stats;
    this.repeated = repeated;
  }

  @Override
  public TGetTasksResponse getTasks(TGetTasksRequest request) {
    if (request == null) {
      return new TGetTasksResponse(List.of(), true);
    }
    RepeatedFetches.Answer a = repeated.answer(request.getFetchId(), request.getNodeMonitorId(),
        () -> WireConversions.taskBatch(scheduler.get().getTasks(request.getRequestId(),
            request.getNodeMonitorId(), BootIdOnWire.of(request), BootIdOnWire.schedulerOf(request),
            request.getMaxTasks())));
    if (!a.lost().isEmpty()) {
      // A repeat means the first answer never arrived: its runs go back before this one is sent.
      scheduler.get().answerLost(request.getNodeMonitorId(), a.lost());
    }
    return a.response();
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
