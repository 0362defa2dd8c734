package org.sparrow.client.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import org.sparrow.client.JobResult;
import org.sparrow.client.TaskResult;

/**
 * The jobs this client waits for, by request id.
 *
 * <p>A scheduler may send a job's results before the submit call has returned its request id,
 * so a result for an unknown id is held as long as a submit that could still return that id is
 * in flight: one that started before the result arrived. Any other result for an unknown id is
 * dropped, since nobody would ever collect it: its job already ended (timed out, failed, or the
 * result is a duplicate), or its submit failed on this side although the scheduler took it.
 * So every entry is either a job with a future or held for a submit in flight, and the map stays
 * bounded by the jobs actually outstanding.
 */
public final class PendingJobs {

  /** Enough to recognise duplicates and stragglers of recent jobs without a lookup elsewhere. */
  static final int RECENTLY_FINISHED = 4096;

  private final Map<String, PendingJob> jobs = new ConcurrentHashMap<>();
  /** Results that arrived before their submit returned; guarded by {@code this}. */
  private final Map<String, PendingJob> early = new HashMap<>();
  private final RecentIds finished = new RecentIds(RECENTLY_FINISHED);
  /** Orders submit starts and result arrivals, to tell which submits could claim a result. */
  private final AtomicLong sequence = new AtomicLong();
  private final ConcurrentSkipListSet<Long> submitsInFlight = new ConcurrentSkipListSet<>();
  /** What came from each scheduler when: notices and heartbeats arrive here (FrontendHandler). */
  private final SchedulerSilence silence = new SchedulerSilence(System::nanoTime);

  /** When each scheduler was last heard from (for the leases on jobs; see {@link SchedulerSilence}). */
  public SchedulerSilence silence() {
    return silence;
  }

  /** Call before sending a submit; pass the ticket to {@link #submitEnded} once it returned. */
  public long submitStarted() {
    long ticket = sequence.incrementAndGet();
    submitsInFlight.add(ticket);
    return ticket;
  }

  /** The submit has attached its job or failed; early results nobody can claim now go. */
  public void submitEnded(long ticket) {
    submitsInFlight.remove(ticket);
    synchronized (this) {
      early.values().removeIf(job -> !claimable(job.arrival()));
    }
  }

  /** Ties a submitted job to its future; the entry leaves when the future completes. */
  public void attach(String requestId, List<String> taskIds, String scheduler, long startNanos,
      CompletableFuture<JobResult> future) {
    attach(requestId, taskIds, scheduler, startNanos, future, 1);
  }

  /** @param submitAttempts schedulers the job was sent to before one kept it (1 = the first took it) */
  public void attach(String requestId, List<String> taskIds, String scheduler, long startNanos,
      CompletableFuture<JobResult> future, int submitAttempts) {
    attach(requestId, taskIds, scheduler, startNanos, future, submitAttempts, Map.of());
  }

  /**
   * @param carried results of the job's tasks that came from a scheduler that held it before
   *                (resubmitted without those tasks): they count as this job's
   */
  public void attach(String requestId, List<String> taskIds, String scheduler, long startNanos,
      CompletableFuture<JobResult> future, int submitAttempts, Map<String, TaskResult> carried) {
    PendingJob job;
    synchronized (this) {
      job = early.remove(requestId);
      if (job == null) {
        job = new PendingJob(requestId, 0);
      }
      jobs.put(requestId, job);
    }
    PendingJob attached = job;
    future.whenComplete((r, e) -> {
      // Remembered first, so a straggler never finds the id neither pending nor finished.
      finished.add(requestId);
      jobs.remove(requestId, attached);
    });
    job.attach(taskIds, scheduler, startNanos, future, submitAttempts, carried);
  }

  /**
   * Stops collecting results under this id (the job goes on under another after a
   * resubmission) and returns those that came under it, by task id: the tasks a resubmission
   * need not run again.
   */
  public Map<String, TaskResult> detach(String requestId) {
    PendingJob job = jobs.remove(requestId);
    return job == null ? Map.of() : job.results();
  }

  public void onResult(String requestId, TaskResult result) {
    PendingJob job = jobs.get(requestId);
    if (job == null) {
      job = heldForSubmitInFlight(requestId);
      if (job == null) {
        return;
      }
    }
    job.add(result, System.nanoTime());
  }

  /** Fails every job placed by a scheduler that went away. */
  public void failScheduler(String scheduler, Throwable cause) {
    for (PendingJob job : jobs.values()) {
      if (scheduler.equals(job.scheduler())) {
        job.fail(cause);
      }
    }
  }

  public void failAll(Throwable cause) {
    jobs.values().forEach(j -> j.fail(cause));
  }

  /** Jobs waited for, plus those whose results came before their submit returned. */
  public synchronized int size() {
    return jobs.size() + early.size();
  }

  private synchronized PendingJob heldForSubmitInFlight(String requestId) {
    PendingJob job = jobs.get(requestId);
    if (job == null) {
      job = early.get(requestId);
    }
    if (job != null) {
      return job;
    }
    long arrival = sequence.incrementAndGet();
    if (finished.contains(requestId) || !claimable(arrival)) {
      return null;
    }
    job = new PendingJob(requestId, arrival);
    early.put(requestId, job);
    return job;
  }

  /** Only a submit already sent when a result arrived can return that result's request id. */
  private boolean claimable(long arrival) {
    return submitsInFlight.lower(arrival) != null;
  }
}
