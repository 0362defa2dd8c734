package org.sparrow.client.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.apache.thrift.TException;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.SchedulerService;

/**
 * Jobs taken back from a scheduler that seemed lost, to cancel there once it answers again: it
 * may have been frozen or cut off rather than gone, and would otherwise run them as well as the
 * scheduler they were sent to. Best effort: one try each, on the executor.
 */
final class TakenBackJobs {

  private final ClientPool<SchedulerService.Client> pool;
  private final Executor executor;
  /** Request ids, by the scheduler they were taken back from. */
  private final Map<HostPort, List<String>> toCancel = new ConcurrentHashMap<>();

  TakenBackJobs(ClientPool<SchedulerService.Client> pool, Executor executor) {
    this.pool = pool;
    this.executor = executor;
  }

  /** The job {@code requestId} was taken back from {@code scheduler}. */
  void add(HostPort scheduler, String requestId) {
    toCancel.computeIfAbsent(scheduler, k -> new CopyOnWriteArrayList<>()).add(requestId);
  }

  /** The scheduler answered a call: cancels there the jobs taken back from it. */
  void answered(HostPort scheduler) {
    List<String> ids = toCancel.remove(scheduler);
    if (ids == null || ids.isEmpty()) {
      return;
    }
    try {
      executor.execute(() -> {
        for (String id : ids) {
          try {
            pool.call(scheduler, c -> c.cancelJob(id));
          } catch (TException | RuntimeException e) {
            // Best effort: it restarted and does not know the id, or stopped answering again.
          }
        }
      });
    } catch (RejectedExecutionException e) {
      // closing
    }
  }
}
