package org.sparrow.nodemonitor.thrift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sparrow.common.Clock;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.nodemonitor.CompletionSink;
import org.sparrow.nodemonitor.TaskResult;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.TTaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports finished tasks to their schedulers (SchedulerInternalService.tasksFinished), batched
 * per scheduler without adding latency: a result is sent at once when its scheduler has no
 * report in flight; results that finish while one is in flight wait in the scheduler's outbox
 * and go together in the next report. At most one report per scheduler is in flight.
 *
 * <p>A failed report is not lost: its results go back to the front of the outbox and are sent
 * again after a backoff (100 ms doubling to 5 s), for up to the retry window (a scheduler that
 * stays unreachable that long is dead: then they are dropped and its own failure handling takes
 * over). Sending a report twice is harmless: a scheduler takes one result per task id and
 * attempt and ignores repeats.
 */
public final class BatchingCompletionReporter implements CompletionSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BatchingCompletionReporter.class);

  /** Keeps one report's frame well under the Thrift frame limit. */
  static final int MAX_BATCH = 1000;
  public static final long DEFAULT_RETRY_WINDOW_MS = 60_000;

  private static final class Outbox {
    final HostPort scheduler;
    final List<TTaskResult> pending = new ArrayList<>();
    boolean sending;
    int failures;
    long firstFailureNanos;

    Outbox(HostPort scheduler) {
      this.scheduler = scheduler;
    }
  }

  private final ClientPool<SchedulerInternalService.Client> schedulers;
  private final ExecutorService senders;
  private final ScheduledExecutorService backoff;
  private final Clock clock;
  private final long retryWindowNanos;
  private final Map<HostPort, Outbox> outboxes = new ConcurrentHashMap<>();
  private final WarningLimiter warnings;
  private final AtomicLong reports = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong retried = new AtomicLong();
  private final String bootId;
  /** Results handed in and not yet sent or dropped; guarded by itself (for awaitIdle). */
  private final Object idleLock = new Object();
  private long unsent;

  /**
   * @param threads       reports sent at once (to different schedulers)
   * @param bootId        this node monitor's incarnation, stamped on every result
   * @param retryWindowMs how long a scheduler's failed reports are retried before being dropped
   */
  public BatchingCompletionReporter(ClientPool<SchedulerInternalService.Client> schedulers,
      int threads, String threadName, Clock clock, String bootId, long retryWindowMs) {
    this(schedulers, threads, threadName, clock, bootId, retryWindowMs,
        org.sparrow.common.Guarded.processFatalPath());
  }

  /** @param fatal where a fatal error in a report or a back-off goes: the daemon's fatal path */
  public BatchingCompletionReporter(ClientPool<SchedulerInternalService.Client> schedulers,
      int threads, String threadName, Clock clock, String bootId, long retryWindowMs,
      java.util.function.Consumer<Throwable> fatal) {
    this.schedulers = schedulers;
    this.bootId = bootId;
    this.clock = clock;
    this.retryWindowNanos = TimeUnit.MILLISECONDS.toNanos(retryWindowMs);
    this.senders = org.sparrow.common.Guarded.pool(threadName + "-report", threads, LOG, fatal);
    ScheduledThreadPoolExecutor b = org.sparrow.common.Guarded.timer(threadName + "-report-backoff", LOG,
        fatal);
    b.setRemoveOnCancelPolicy(true);
    this.backoff = b;
    this.warnings = new WarningLimiter(clock, 30_000);
  }

  public BatchingCompletionReporter(ClientPool<SchedulerInternalService.Client> schedulers,
      int threads, String threadName, Clock clock, String bootId) {
    this(schedulers, threads, threadName, clock, bootId, DEFAULT_RETRY_WINDOW_MS);
  }

  @Override
  public void taskFinished(HostPort scheduler, TaskResult result) {
    Outbox box = outboxes.computeIfAbsent(scheduler, Outbox::new);
    TTaskResult wire = WireMapping.toWire(result).setNodeMonitorBootId(bootId);
    boolean startSending;
    synchronized (idleLock) {
      unsent++;
    }
    synchronized (box) {
      box.pending.add(wire);
      startSending = !box.sending;
      box.sending = true;
    }
    if (startSending) {
      submit(box);
    }
  }

  private void submit(Outbox box) {
    try {
      senders.execute(() -> drain(box));
    } catch (RejectedExecutionException e) {
      dropAll(box);
    }
  }

  /** Reports sent so far (one per tasksFinished call). */
  public long reportsSent() {
    return reports.get();
  }

  /** Results dropped because their scheduler could not be reached within the retry window. */
  public long resultsDropped() {
    return dropped.get();
  }

  /** Reports sent again after a failure. */
  public long reportsRetried() {
    return retried.get();
  }

  /**
   * Waits until every result handed in so far has been sent (or dropped).
   *
   * @return false if some were still unsent after {@code timeoutMs}
   */
  public boolean awaitIdle(long timeoutMs) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    synchronized (idleLock) {
      while (unsent > 0) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          return false;
        }
        idleLock.wait(left);
      }
      return true;
    }
  }

  private void settled(int results) {
    synchronized (idleLock) {
      unsent -= results;
      if (unsent <= 0) {
        idleLock.notifyAll();
      }
    }
  }

  private void drain(Outbox box) {
    while (true) {
      List<TTaskResult> batch;
      synchronized (box) {
        if (box.pending.isEmpty()) {
          box.sending = false;
          return;
        }
        List<TTaskResult> head = box.pending.subList(0, Math.min(MAX_BATCH, box.pending.size()));
        batch = new ArrayList<>(head);
        head.clear();
      }
      Exception failure = send(box.scheduler, batch);
      if (failure == null) {
        synchronized (box) {
          box.failures = 0;
        }
        settled(batch.size());
        continue;
      }
      if (!requeue(box, batch, failure)) {
        return;  // a retry is scheduled; sending stays true so nobody else starts one
      }
    }
  }

  /** @return true if the results were dropped (go on with the outbox), false if a retry is due */
  private boolean requeue(Outbox box, List<TTaskResult> batch, Exception failure) {
    long now = clock.nanoTime();
    long delayMs;
    synchronized (box) {
      if (box.failures++ == 0) {
        box.firstFailureNanos = now;
      }
      if (now - box.firstFailureNanos > retryWindowNanos) {
        box.failures = 0;
        int n = batch.size() + box.pending.size();
        dropped.addAndGet(n);
        box.pending.clear();
        box.sending = false;
        settled(n);
        LOG.warn("Scheduler {} was unreachable for {} s; dropped {} finished tasks' results ({})",
            box.scheduler, TimeUnit.NANOSECONDS.toSeconds(retryWindowNanos), n,
            failure.toString());
        return false;
      }
      box.pending.addAll(0, batch);
      delayMs = Math.min(5_000, 100L << Math.min(box.failures - 1, 6));
    }
    if (warnings.shouldWarn(box.scheduler)) {
      LOG.warn("Reporting {} finished tasks to scheduler {} failed ({}); retrying with backoff "
          + "(further failures for this scheduler logged at debug for 30 s)", batch.size(),
          box.scheduler, failure.toString());
    } else {
      LOG.debug("Reporting {} finished tasks to {} failed; retry in {} ms", batch.size(),
          box.scheduler, delayMs, failure);
    }
    try {
      backoff.schedule(() -> {
        retried.incrementAndGet();
        submit(box);
      }, delayMs, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      dropAll(box);
    }
    return false;
  }

  private void dropAll(Outbox box) {
    synchronized (box) {
      int n = box.pending.size();
      dropped.addAndGet(n);
      settled(n);
      box.pending.clear();
      box.sending = false;
    }
  }

  private Exception send(HostPort scheduler, List<TTaskResult> batch) {
    try {
      schedulers.run(scheduler, c -> {
        c.tasksFinished(batch);
        return null;
      });
      reports.incrementAndGet();
      return null;
    } catch (Exception e) {
      return e;
    }
  }

  /**
   * Sends what is already queued (for example the tasks a closing node monitor just lost), for
   * a few seconds at most, then stops; what could not be sent by then is dropped.
   */
  @Override
  public void close() {
    try {
      if (!awaitIdle(3_000)) {
        LOG.debug("Completion reports still pending at close were dropped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    backoff.shutdownNow();
    senders.shutdownNow();
  }
}
