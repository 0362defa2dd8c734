package org.sparrow.nodemonitor.thrift;

import com.codahale.metrics.Timer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import org.sparrow.common.Clock;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.PeerUnreachableException;
import org.sparrow.nodemonitor.FetchedTasks;
import org.sparrow.nodemonitor.SchedulerUnresponsiveException;
import org.sparrow.nodemonitor.TaskFetcher;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.TGetTasksResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Late binding over Thrift: SchedulerInternalService.getTasks on a small bounded pool of
 * threads (at most one fetch is in flight per claimed slot, so the pool never needs more
 * threads than the node has slots).
 *
 * <p>The pool's read timeout is the getTasks deadline (short, 1 s by default), so claimed slots
 * never wait long on a frozen scheduler. A call that may have reached the scheduler but got no
 * answer fails with {@link SchedulerUnresponsiveException} (the core gives the slots to other
 * reservations) and is asked again in the background, with backoff and the same fetch id, for a
 * while: a scheduler answers a repeated fetch id with the tasks it already handed out, and those
 * go to the late-answer listener (the core queues them as bound tasks) instead of staying
 * LAUNCHED at the scheduler with nobody running them. A scheduler that no longer keeps that
 * answer (its byte bound) answers no tasks and runs them elsewhere, as lost. A refused connection
 * (nothing was sent: the scheduler is dead) is not asked again.
 */
public final class ThriftTaskFetcher implements TaskFetcher, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ThriftTaskFetcher.class);

  private final ClientPool<SchedulerInternalService.Client> schedulers;
  private final ExecutorService executor;
  private final ScheduledExecutorService retries;
  private final Timer roundTrip;
  private final WarningLimiter warnings;
  private final String bootId;
  private final long retryWindowNanos;
  private final AtomicLong fetchIds = new AtomicLong();
  private volatile BiConsumer<Reservation, List<TaskLaunch>> lateAnswers = (r, tasks) -> { };

  /**
   * @param schedulers   connections whose read timeout is the getTasks deadline
   * @param bootId       this node monitor's incarnation, sent with every getTasks (and, with a
   *                     counter, the fetch ids)
   * @param retryWindowMs how long an unanswered fetch is asked again
   */
  public ThriftTaskFetcher(ClientPool<SchedulerInternalService.Client> schedulers, int threads,
      String threadName, Timer roundTrip, Clock clock, String bootId, long retryWindowMs) {
    this(schedulers, threads, threadName, roundTrip, clock, bootId, retryWindowMs,
        org.sparrow.common.Guarded.processFatalPath());
  }

  /** @param fatal where a fatal error in a fetch or a retry goes: the daemon's fatal path */
  public ThriftTaskFetcher(ClientPool<SchedulerInternalService.Client> schedulers, int threads,
      String threadName, Timer roundTrip, Clock clock, String bootId, long retryWindowMs,
      java.util.function.Consumer<Throwable> fatal) {
    this.schedulers = schedulers;
    this.bootId = bootId;
    this.executor = org.sparrow.common.Guarded.pool(threadName + "-get-tasks", threads, LOG, fatal);
    ScheduledThreadPoolExecutor r = org.sparrow.common.Guarded.timer(threadName + "-get-tasks-retry", LOG,
        fatal);
    r.setRemoveOnCancelPolicy(true);
    this.retries = r;
    this.roundTrip = roundTrip;
    this.warnings = new WarningLimiter(clock, 30_000);
    this.retryWindowNanos = TimeUnit.MILLISECONDS.toNanos(retryWindowMs);
  }

  /** Where tasks of answers that came after their fetch's deadline go (set before any fetch). */
  public void onLateAnswer(BiConsumer<Reservation, List<TaskLaunch>> listener) {
    this.lateAnswers = listener;
  }

  @Override
  public CompletionStage<FetchedTasks> fetch(Reservation reservation, int maxTasks) {
    CompletableFuture<FetchedTasks> answer = new CompletableFuture<>();
    TGetTasksRequest request = new TGetTasksRequest(reservation.requestId(),
        reservation.nodeMonitorId(), maxTasks).setNodeMonitorBootId(bootId)
        .setSchedulerBootId(reservation.schedulerBootId())
        .setFetchId(bootId + "-" + fetchIds.incrementAndGet());
    try {
      executor.execute(() -> {
        try (Timer.Context ignored = roundTrip.time()) {
          TGetTasksResponse response = schedulers.call(reservation.schedulerAddress(),
              c -> c.getTasks(request));
          answer.complete(WireMapping.toFetched(response, reservation));
        } catch (PeerUnreachableException e) {
          warn(reservation, e, "dropping its reservations here");
          answer.completeExceptionally(e);
        } catch (Exception e) {
          warn(reservation, e, "the slots go to other schedulers' reservations; asking again in the background");
          answer.completeExceptionally(new SchedulerUnresponsiveException("getTasks at "
              + reservation.schedulerAddress() + " got no answer: " + e, e));
          scheduleRetry(reservation, request, System.nanoTime(), 1);
        }
      });
    } catch (RejectedExecutionException e) {
      answer.completeExceptionally(e);
    }
    return answer;
  }

  private void scheduleRetry(Reservation reservation, TGetTasksRequest request, long firstNanos,
      int attempt) {
    if (System.nanoTime() - firstNanos > retryWindowNanos) {
      LOG.warn("getTasks {} for request {} at {} never got an answer; giving up (tasks the "
          + "scheduler handed out for it end at its deadline)", request.getFetchId(),
          reservation.requestId(), reservation.schedulerAddress());
      return;
    }
    long delayMs = Math.min(5_000, 250L << Math.min(attempt - 1, 5));
    try {
      retries.schedule(() -> retry(reservation, request, firstNanos, attempt), delayMs,
          TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      LOG.debug("Not asking again for {}: closing", request.getFetchId());
    }
  }

  private void retry(Reservation reservation, TGetTasksRequest request, long firstNanos,
      int attempt) {
    try {
      TGetTasksResponse response = schedulers.call(reservation.schedulerAddress(),
          c -> c.getTasks(request));
      List<TaskLaunch> tasks = WireMapping.toFetched(response, reservation).tasks();
      if (!tasks.isEmpty()) {
        LOG.info("Late answer to getTasks {} for request {}: {} tasks, queued to run here",
            request.getFetchId(), reservation.requestId(), tasks.size());
      }
      lateAnswers.accept(reservation, tasks);  // even empty: the scheduler answers again
    } catch (PeerUnreachableException e) {
      LOG.debug("Scheduler {} is gone; not asking again for {}", reservation.schedulerAddress(),
          request.getFetchId());
    } catch (Exception e) {
      scheduleRetry(reservation, request, firstNanos, attempt + 1);
    }
  }

  private void warn(Reservation reservation, Exception e, String consequence) {
    if (warnings.shouldWarn(reservation.schedulerAddress())) {
      LOG.warn("getTasks for request {} at scheduler {} failed ({}); {} (further failures for "
          + "this scheduler logged at debug for 30 s)", reservation.requestId(),
          reservation.schedulerAddress(), e.toString(), consequence);
    } else {
      LOG.debug("getTasks at {} for {} failed", reservation.schedulerAddress(),
          reservation.requestId(), e);
    }
  }

  @Override
  public void close() {
    retries.shutdownNow();
    executor.shutdownNow();
  }
}
