package org.sparrow.scheduler.thrift;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.sparrow.scheduler.Scheduler;
import org.sparrow.scheduler.TaskResult;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.TGetTasksResponse;
import org.sparrow.thrift.TSchedulerStats;
import org.sparrow.thrift.TTaskResult;

/** SchedulerInternalService (node monitors): converts wire types and calls the {@link Scheduler}. */
public final class SchedulerInternalHandler implements SchedulerInternalService.Iface {

  private final Supplier<Scheduler> scheduler;
  private final Supplier<TSchedulerStats> stats;

  public SchedulerInternalHandler(Supplier<Scheduler> scheduler, Supplier<TSchedulerStats> stats) {
    this.scheduler = scheduler;
    this.stats = stats;
  }

  @Override
  public TGetTasksResponse getTasks(TGetTasksRequest request) {
    if (request == null) {
      return new TGetTasksResponse(List.of(), true);
    }
    return WireConversions.taskBatch(scheduler.get().getTasks(
        request.getRequestId(), request.getNodeMonitorId(), request.getMaxTasks()));
  }

  @Override
  public void tasksFinished(List<TTaskResult> results) {
    if (results == null || results.isEmpty()) {
      return;
    }
    List<TaskResult> converted = new ArrayList<>(results.size());
    for (TTaskResult r : results) {
      if (r != null && r.getTaskId() != null) {
        converted.add(WireConversions.taskResult(r));
      }
    }
    scheduler.get().tasksFinished(converted);
  }

  @Override
  public TSchedulerStats getSchedulerStats() {
    return stats.get();
  }
}
