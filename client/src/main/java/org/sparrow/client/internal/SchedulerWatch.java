package org.sparrow.client.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.TException;
import org.sparrow.client.TaskResult;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.PeerUnreachableException;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TJobState;
import org.sparrow.thrift.TJobStatus;
import org.sparrow.thrift.TTaskResult;

/**
 * Watches the schedulers that hold this client's jobs by asking each, every round, for the
 * status of one of its jobs (in turn). A scheduler is gone only when it refuses the connection
 * (nothing listens: the process is gone), never merely because its ZooKeeper entry vanished (a
 * membership flap) or because it stopped answering: a frozen or overloaded scheduler still holds
 * its jobs and would run them when it resumes, so sending them elsewhere would run them twice.
 * Their own deadline bounds the wait, unless the scheduler keeps leases: then once this client
 * has heard nothing from it for the lease plus a margin (partitioned: alive, but cut off from
 * this client), it has given the jobs up, and they are sent elsewhere (see {@link
 * SchedulerSilence}). A job the scheduler does not know (it restarted) is
 * resubmitted; one it reports ended whose notices never came is completed from the status.
 * Each round also probes the schedulers new jobs avoid (see {@link Submitter}).
 */
public final class SchedulerWatch {

  private final ClientPool<SchedulerService.Client> pool;
  private final Submitter submitter;
  private final PendingJobs pending;
  private final Executor executor;
  private final Map<HostPort, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final Set<HostPort> checking = ConcurrentHashMap.newKeySet();
  private final AtomicInteger turn = new AtomicInteger();

  /** @param pool short timeouts: a check must not take as long as a submit may */
  public SchedulerWatch(ClientPool<SchedulerService.Client> pool, Submitter submitter, PendingJobs pending,
      Executor executor) {
    this.pool = pool;
    this.submitter = submitter;
    this.pending = pending;
    this.executor = executor;
  }

  /** One round: one status call per scheduler holding jobs (none while its last is in flight). */
  public void round() {
    Map<HostPort, List<Submission>> byScheduler = new LinkedHashMap<>();
    for (Submission s : submitter.inFlight()) {
      HostPort at = s.scheduler();
      if (at != null) {
        byScheduler.computeIfAbsent(at, k -> new ArrayList<>()).add(s);
      }
    }
    int t = turn.getAndIncrement();
    byScheduler.forEach((scheduler, jobs) -> check(scheduler, jobs.get(Math.floorMod(t, jobs.size()))));
    submitter.probeSlow();
  }

  /** Failed status checks in a row of this scheduler (for logs and tests). */
  int failures(HostPort scheduler) {
    AtomicInteger n = failures.get(scheduler);
    return n == null ? 0 : n.get();
  }

  /** Its membership entry vanished: check it now rather than wait for the next round. */
  public void suspect(HostPort scheduler) {
    for (Submission s : submitter.inFlight()) {
      if (scheduler.equals(s.scheduler())) {
        check(scheduler, s);
        return;
      }
    }
  }

  private void check(HostPort scheduler, Submission s) {
    if (!checking.add(scheduler)) {
      return;
    }
    try {
      executor.execute(() -> {
        try {
          checkNow(scheduler, s);
        } finally {
          checking.remove(scheduler);
        }
      });
    } catch (RejectedExecutionException e) {
      checking.remove(scheduler);
    }
  }

  private void checkNow(HostPort scheduler, Submission s) {
    String requestId = s.requestId();
    if (requestId == null || !scheduler.equals(s.scheduler())) {
      return;
    }
    try {
      TJobStatus status = pool.call(scheduler, c -> c.getJobStatus(requestId));
      failures.remove(scheduler);
      submitter.answered(scheduler);
      if (status.getState() != TJobState.RUNNING && ++s.endedSeen >= 2 && status.getResults() != null) {
        // Ended a round ago and still incomplete here: its notices were lost on the way.
        for (TTaskResult r : status.getResults()) {
          TaskResult converted = WireMapping.fromWire(r);
          pending.onResult(requestId, converted);
        }
      }
    } catch (IncompleteRequestException e) {
      failures.remove(scheduler);
      submitter.answered(scheduler);
      submitter.resubmit(s, scheduler, "it does not know the job: " + e.getMessage());
    } catch (PeerUnreachableException e) {
      lost(scheduler, "refuses connections");
    } catch (TException | RuntimeException e) {
      // Alive but not answering (frozen, overloaded, partitioned): its jobs stay with it until
      // its leases on them ended.
      failures.computeIfAbsent(scheduler, k -> new AtomicInteger()).incrementAndGet();
      if (pending.silence().leaseEnded(scheduler, submitter.leaseMs(), Submitter.LEASE_MARGIN_MS)) {
        lost(scheduler, "nothing heard from it for " + pending.silence().silentMs(scheduler)
            + " ms: its lease on the job ended, so it gave the job up");
      }
    }
  }

  private void lost(HostPort scheduler, String why) {
    failures.remove(scheduler);
    for (Submission s : submitter.inFlight()) {
      if (scheduler.equals(s.scheduler())) {
        submitter.resubmit(s, scheduler, why);
      }
    }
  }
}
