package org.sparrow.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.thrift.TException;
import org.sparrow.client.JobRejectedException;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClientException;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.PeerUnreachableException;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TSchedulingRequest;

/**
 * Sends jobs to schedulers on the client's executor (the caller of submit never waits for an
 * RPC) and resubmits them safely. Every request carries an idempotency key, the same for every
 * resubmission of one job, and a submit deadline of half the RPC timeout: a scheduler answers a
 * key it accepted already with that job, and drops a request it reads after the deadline. So a
 * submit that timed out, was refused for a reason that is the scheduler's (draining), or whose
 * scheduler died after accepting it, can go to another scheduler without the job running twice.
 */
public final class Submitter {

  private final ClientPool<SchedulerService.Client> pool;
  private final PendingJobs pending;
  private final Supplier<List<HostPort>> schedulers;
  private final Executor executor;
  private final long rpcTimeoutMs;
  private final int maxResubmits;
  private final AtomicInteger next = new AtomicInteger();
  /** Accepted jobs not yet ended, by request id. */
  private final Map<String, Submission> inFlight = new ConcurrentHashMap<>();

  /**
   * @param maxResubmits how often one accepted job may be sent again after its scheduler was lost
   */
  public Submitter(ClientPool<SchedulerService.Client> pool, PendingJobs pending,
      Supplier<List<HostPort>> schedulers, Executor executor, long rpcTimeoutMs, int maxResubmits) {
    this.pool = pool;
    this.pending = pending;
    this.schedulers = schedulers;
    this.executor = executor;
    this.rpcTimeoutMs = rpcTimeoutMs;
    this.maxResubmits = maxResubmits;
  }

  /** Returns at once; the future completes with the job's result or its failure. */
  public CompletableFuture<JobResult> submit(TSchedulingRequest request, List<String> taskIds, Duration timeout) {
    CompletableFuture<JobResult> future = new CompletableFuture<>();
    Submission s = new Submission(request, taskIds, future, System.nanoTime(), timeout);
    run(() -> send(s, null), s);
    return future;
  }

  /** Accepted jobs not yet ended (a copy). */
  List<Submission> inFlight() {
    return new ArrayList<>(inFlight.values());
  }

  /**
   * The job's scheduler is gone (or does not know the job): send it to another one with the same
   * key, once; after that the job fails.
   */
  void resubmit(Submission s, HostPort gone, String why) {
    String old = s.takeBack(gone, maxResubmits);
    if (old == null) {
      if (!s.future.isDone() && gone.equals(s.scheduler())) {
        s.future.completeExceptionally(new SparrowClientException("scheduler " + gone + " was lost with the job ("
            + why + ") and the job was resubmitted " + s.resubmits() + " time(s) already"));
      }
      return;
    }
    inFlight.remove(old, s);
    pending.detach(old);
    run(() -> send(s, gone), s);
  }

  private void run(Runnable task, Submission s) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      s.future.completeExceptionally(new SparrowClientException("client closed"));
    }
  }

  /** Tries each scheduler once, starting round-robin, the one just lost (if any) last. */
  private void send(Submission s, HostPort avoid) {
    List<HostPort> candidates = order(schedulers.get(), avoid);
    if (candidates.isEmpty()) {
      s.future.completeExceptionally(new SparrowClientException("no scheduler is registered"));
      return;
    }
    List<String> notes = new ArrayList<>();
    // Results that beat the scheduler's answer are held only while this submit is in flight.
    long ticket = pending.submitStarted();
    try {
      for (HostPort scheduler : candidates) {
        if (s.future.isDone()) {
          return;
        }
        TSchedulingRequest attempt = s.request.deepCopy()
            .setSubmitDeadlineEpochMs(System.currentTimeMillis() + Math.max(1, rpcTimeoutMs / 2));
        try {
          String requestId = pool.call(scheduler, c -> c.submitJobWithId(attempt));
          accepted(s, requestId, scheduler);
          return;
        } catch (IncompleteRequestException e) {
          if (!e.isRetryElsewhere()) {
            s.future.completeExceptionally(new JobRejectedException(e.getMessage()));
            return;
          }
          notes.add(scheduler + " refused it for now (" + e.getMessage() + ")");
        } catch (PeerUnreachableException e) {
          notes.add(scheduler + " (" + e.getMessage() + ")");
        } catch (TException | RuntimeException e) {
          // It may have taken the job: the key makes sending it elsewhere safe, and the
          // deadline makes a scheduler that reads it late drop it.
          notes.add(scheduler + " did not answer (" + e + ")");
        }
      }
      s.future.completeExceptionally(new SparrowClientException(
          "no scheduler could be reached or took the job: " + String.join(", ", notes)));
    } finally {
      pending.submitEnded(ticket);
    }
  }

  private void accepted(Submission s, String requestId, HostPort scheduler) {
    boolean arm = s.accepted(requestId, scheduler);
    inFlight.put(requestId, s);
    s.future.whenComplete((r, e) -> inFlight.remove(requestId, s));
    pending.attach(requestId, s.taskIds, scheduler.toString(), s.startNanos, s.future);
    if (arm) {
      // A little slack over the scheduler's own deadline, so its explicit TIMED_OUT results win.
      long ms = s.timeout.toMillis();
      s.future.orTimeout(ms + Math.min(5_000, Math.max(200, ms / 10)), TimeUnit.MILLISECONDS);
    }
  }

  private List<HostPort> order(List<HostPort> all, HostPort avoid) {
    List<HostPort> out = new ArrayList<>(all.size());
    if (all.isEmpty()) {
      return out;
    }
    int first = Math.floorMod(next.getAndIncrement(), all.size());
    for (int i = 0; i < all.size(); i++) {
      HostPort h = all.get((first + i) % all.size());
      if (!h.equals(avoid)) {
        out.add(h);
      }
    }
    if (avoid != null && all.contains(avoid)) {
      out.add(avoid);  // the only one left may have come back
    }
    return out;
  }
}
