package org.sparrow.nodemonitor.thrift;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.sparrow.common.Clock;
import org.sparrow.common.HostPort;
import org.sparrow.common.NamedThreads;
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
 * and go together in the next report. At most one report per scheduler is in flight. A failed
 * report is dropped (the scheduler is presumed dead; its own timeouts take over).
 */
public final class BatchingCompletionReporter implements CompletionSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BatchingCompletionReporter.class);

  /** Keeps one report's frame well under the Thrift frame limit. */
  static final int MAX_BATCH = 1000;

  private static final class Outbox {
    final HostPort scheduler;
    final List<TTaskResult> pending = new ArrayList<>();
    boolean sending;

    Outbox(HostPort scheduler) {
      this.scheduler = scheduler;
    }
  }

  private final ClientPool<SchedulerInternalService.Client> schedulers;
  private final ExecutorService senders;
  private final Map<HostPort, Outbox> outboxes = new ConcurrentHashMap<>();
  private final WarningLimiter warnings;
  private final AtomicLong reports = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  /** Results handed in and not yet sent or dropped; guarded by itself (for awaitIdle). */
  private final Object idleLock = new Object();
  private long unsent;

  private final String bootId;

  /**
   * @param threads reports sent at once (to different schedulers)
   * @param bootId  this node monitor's incarnation, stamped on every result
   */
  public BatchingCompletionReporter(ClientPool<SchedulerInternalService.Client> schedulers,
      int threads, String threadName, Clock clock, String bootId) {
    this.schedulers = schedulers;
    this.bootId = bootId;
    this.senders = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), NamedThreads.daemon(threadName + "-report"));
    this.warnings = new WarningLimiter(clock, 30_000);
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
      try {
        senders.execute(() -> drain(box));
      } catch (RejectedExecutionException e) {
        synchronized (box) {
          dropped.addAndGet(box.pending.size());
          settled(box.pending.size());
          box.pending.clear();
          box.sending = false;
        }
      }
    }
  }

  /** Reports sent so far (one per tasksFinished call). */
  public long reportsSent() {
    return reports.get();
  }

  /** Results dropped because their scheduler could not be reached. */
  public long resultsDropped() {
    return dropped.get();
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
        if (box.pending.size() <= MAX_BATCH) {
          batch = new ArrayList<>(box.pending);
          box.pending.clear();
        } else {
          List<TTaskResult> head = box.pending.subList(0, MAX_BATCH);
          batch = new ArrayList<>(head);
          head.clear();
        }
      }
      try {
        send(box.scheduler, batch);
      } finally {
        settled(batch.size());
      }
    }
  }

  private void send(HostPort scheduler, List<TTaskResult> batch) {
    try {
      schedulers.run(scheduler, c -> {
        c.tasksFinished(batch);
        return null;
      });
      reports.incrementAndGet();
    } catch (Exception e) {
      dropped.addAndGet(batch.size());
      if (warnings.shouldWarn(scheduler)) {
        LOG.warn("Reporting {} finished tasks to scheduler {} failed ({}); dropped them "
            + "(further failures for this scheduler logged at debug for 30 s)",
            batch.size(), scheduler, e.toString());
      } else {
        LOG.debug("Reporting {} finished tasks to {} failed", batch.size(), scheduler, e);
      }
    }
  }

  /**
   * Sends what is already queued (for example the tasks a closing node monitor just lost), for
   * a few seconds at most, then stops.
   */
  @Override
  public void close() {
    senders.shutdown();
    try {
      if (!senders.awaitTermination(3, TimeUnit.SECONDS)) {
        LOG.debug("Completion reports still pending at close were dropped");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    senders.shutdownNow();
  }
}
