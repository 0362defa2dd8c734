package org.sparrow.status;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.sparrow.common.NamedThreads;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.TSchedulerStats;

/** Reads {@code SchedulerInternalService.getSchedulerStats} on a small owned pool. */
public final class ThriftSchedulerStatsProbe implements SchedulerStatsProbe, AutoCloseable {

  private final ClientPool<SchedulerInternalService.Client> pool;
  private final ExecutorService executor;

  public ThriftSchedulerStatsProbe(int timeoutMs, int threads) {
    this.pool = ClientPool.builder(SchedulerInternalService.Client::new)
        .connectTimeoutMs(timeoutMs).socketTimeoutMs(timeoutMs).maxIdlePerPeer(1).build();
    this.executor = Executors.newFixedThreadPool(threads, NamedThreads.daemon("scheduler-stats-probe"));
  }

  @Override
  public CompletionStage<SchedulerStats> probe(SchedulerInfo scheduler) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        return fromWire(pool.call(scheduler.internalAddress(), SchedulerInternalService.Client::getSchedulerStats));
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, executor);
  }

  static SchedulerStats fromWire(TSchedulerStats t) {
    return new SchedulerStats(t.getJobsSubmitted(), t.getJobsSucceeded(), t.getJobsFailed(), t.getActiveJobs(),
        t.getTasksLaunched(), t.getNodeMonitorsKnown(), t.getRecentJobs(), t.getResponseP50Ms(),
        t.getResponseP95Ms(), t.getResponseP99Ms(), t.getJobsByPolicy());
  }

  @Override
  public void close() {
    executor.shutdownNow();
    pool.close();
  }
}
