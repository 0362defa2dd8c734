package org.sparrow.nodemonitor.thrift;

import com.codahale.metrics.Timer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.sparrow.common.Clock;
import org.sparrow.common.NamedThreads;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.nodemonitor.FetchedTasks;
import org.sparrow.nodemonitor.Reservation;
import org.sparrow.nodemonitor.TaskFetcher;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.TGetTasksResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Late binding over Thrift: SchedulerInternalService.getTasks on a small bounded pool of
 * threads (at most one fetch is in flight per claimed slot, so the pool never needs more
 * threads than the node has slots).
 */
public final class ThriftTaskFetcher implements TaskFetcher, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ThriftTaskFetcher.class);

  private final ClientPool<SchedulerInternalService.Client> schedulers;
  private final ExecutorService executor;
  private final Timer roundTrip;
  private final WarningLimiter warnings;
  private final String bootId;

  /** @param bootId this node monitor's incarnation, sent with every getTasks */
  public ThriftTaskFetcher(ClientPool<SchedulerInternalService.Client> schedulers, int threads,
      String threadName, Timer roundTrip, Clock clock, String bootId) {
    this.schedulers = schedulers;
    this.bootId = bootId;
    this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), NamedThreads.daemon(threadName + "-get-tasks"));
    this.roundTrip = roundTrip;
    this.warnings = new WarningLimiter(clock, 30_000);
  }

  @Override
  public CompletionStage<FetchedTasks> fetch(Reservation reservation, int maxTasks) {
    CompletableFuture<FetchedTasks> answer = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        TGetTasksRequest request = new TGetTasksRequest(reservation.requestId(),
            reservation.nodeMonitorId(), maxTasks).setNodeMonitorBootId(bootId)
            .setSchedulerBootId(reservation.schedulerBootId());
        try (Timer.Context ignored = roundTrip.time()) {
          TGetTasksResponse response = schedulers.call(reservation.schedulerAddress(),
              c -> c.getTasks(request));
          answer.complete(WireMapping.toFetched(response, reservation));
        } catch (Exception e) {
          if (warnings.shouldWarn(reservation.schedulerAddress())) {
            LOG.warn("getTasks at scheduler {} failed ({}); dropping the reservations of its "
                + "request {} (further failures for this scheduler logged at debug for 30 s)",
                reservation.schedulerAddress(), e.toString(), reservation.requestId());
          } else {
            LOG.debug("getTasks at {} for {} failed", reservation.schedulerAddress(),
                reservation.requestId(), e);
          }
          answer.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
