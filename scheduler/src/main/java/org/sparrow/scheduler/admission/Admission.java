package org.sparrow.scheduler.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sparrow.common.Clock;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.TaskRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission: what a submitted job becomes before the scheduler core places it. Accepts what the
 * original Sparrow accepted, so an original frontend is never refused by an exception:
 * <ul>
 *   <li>an empty job is a no-op that ends SUCCEEDED at once (the original's liveness check);
 *   <li>duplicate task ids are renamed apart ({@link DuplicateTaskIds}; original style only);
 *   <li>host names in preferences mean the node monitors at those addresses ({@link HostPreferences});
 *   <li>a job no node monitor can run yet waits in {@link WaitingJobs} until a membership change
 *       lets it start, or its deadline passes and it ends FAILED like any timed-out job
 *       (status and notifications); placement-style requests are refused instead;
 *   <li>an invalid original-style request is accepted and ends FAILED at once with the reason
 *       (status and log); other styles get the exception ({@link RequestStyle}).
 * </ul>
 * The core does the validating and starting through {@link Starter}; this class decides, and
 * holds no job state apart from the waiting queue. Every job leaves the queue under one lock,
 * so it starts or ends once, and only after it is among the active or the ended jobs, so its
 * status is found at every moment.
 */
public final class Admission {

  private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

  /** Why a job cannot start yet, and when it stops waiting. */
  public record Blocked(String missing, boolean hasDeadline, long deadlineNanos) {}

  /** What the scheduler core does for admission. */
  public interface Starter {

    String nextRequestId();

    /** The membership snapshot placement would use now. */
    Map<String, NodeMonitorInfo> members();

    /**
     * Validates the job and starts it if node monitors can run every task.
     *
     * @param fromQueue whether it waited (it was counted as accepted then)
     * @return null if started, else what is missing
     * @throws IllegalArgumentException naming what is invalid
     */
    Blocked tryStart(String requestId, JobRequest request, long submitNanos, boolean fromQueue);

    /** Counts a job that was accepted into the waiting queue. */
    void accepted(String requestId);

    /** Ends a waiting job whose deadline passed: its tasks time out, as any job's do. */
    void timeOut(String requestId, JobRequest request, long submitNanos);

    /** Records the status of a job that ended without running (empty, refused, invalid later). */
    void ended(JobStatus status);
  }

  private final HostPreferences preferences;
  private final WaitingJobs waiting;
  private final Clock clock;
  private final Object leaving = new Object();

  public Admission(HostPreferences preferences, WaitingJobs waiting, Clock clock) {
    this.preferences = Objects.requireNonNull(preferences, "preferences");
    this.waiting = Objects.requireNonNull(waiting, "waiting");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Admits a job: starts it, queues it, or records it as ended. Returns its request id.
   *
   * @throws IllegalArgumentException for a refused request that is not original style
   */
  public String submit(JobRequest request, Starter core) {
    RequestStyle style = RequestStyle.of(request);
    if (request.tasks().isEmpty()) {
      String requestId = core.nextRequestId();
      core.ended(new JobStatus(requestId, JobState.SUCCEEDED, 0, 0, 0, 0, null, List.of()));
      return requestId;
    }
    JobRequest normal = normalize(request, style);
    long now = clock.nanoTime();
    String requestId = null;
    try {
      Map<String, NodeMonitorInfo> members = core.members();
      JobRequest resolved = resolvePreferences(normal, members);
      requestId = core.nextRequestId();
      Blocked blocked = core.tryStart(requestId, resolved, now, false);
      if (blocked == null) {
        return requestId;
      }
      if (!style.waitsForNodeMonitors()) {
        throw new IllegalArgumentException(blocked.missing());
      }
      waiting.add(new WaitingJobs.Waiting(requestId, normal, style, now, blocked.hasDeadline(),
          blocked.deadlineNanos(), blocked.missing()));
      core.accepted(requestId);
      LOG.info("Job {} of app {} waits for a node monitor that can run it: {}", requestId,
          request.app(), blocked.missing());
      if (core.members() != members) {
        retry(waiting.get(requestId), core);  // a membership change may have slipped past
      }
      return requestId;
    } catch (IllegalArgumentException e) {
      if (style.refusesInvalid()) {
        throw e;
      }
      String id = requestId != null ? requestId : core.nextRequestId();
      LOG.warn("Job {} of app {} (an original-style request, so not refused by an exception) failed: {}",
          id, request.app(), e.getMessage());
      core.ended(refused(id, request, e.getMessage()));
      return id;
    }
  }

  /** Tries the waiting jobs again, in arrival order; call after every membership change. */
  public void membershipChanged(Starter core) {
    if (waiting.isEmpty()) {
      return;
    }
    for (WaitingJobs.Waiting w : waiting.snapshot()) {
      retry(w, core);
    }
  }

  /** Ends the waiting jobs whose deadline passed. */
  public void expireDue(long nowNanos, Starter core) {
    if (waiting.isEmpty()) {
      return;
    }
    for (WaitingJobs.Waiting w : waiting.due(nowNanos)) {
      synchronized (leaving) {
        if (waiting.get(w.requestId()) == null) {
          continue;
        }
        LOG.info("Job {} of app {} timed out waiting for a node monitor: {}", w.requestId(),
            w.request().app(), w.waitingFor());
        try {
          core.timeOut(w.requestId(), w.request(), w.submitNanos());
        } catch (IllegalArgumentException e) {
          core.ended(refused(w.requestId(), w.request(), e.getMessage()));
        }
        // Only now: its status must be found all along, waiting first, then ended.
        waiting.remove(w.requestId());
      }
    }
  }

  /** The status of a waiting job; null if it is not waiting. */
  public JobStatus status(String requestId) {
    WaitingJobs.Waiting w = waiting.get(requestId);
    return w == null ? null
        : new JobStatus(w.requestId(), JobState.RUNNING, w.tasks(), 0, 0, 0, null, List.of());
  }

  public WaitingJobs waiting() {
    return waiting;
  }

  private void retry(WaitingJobs.Waiting w, Starter core) {
    if (w == null) {
      return;
    }
    // Resolved outside the lock: it may look names up.
    JobRequest resolved;
    try {
      resolved = resolvePreferences(w.request(), core.members());
    } catch (RuntimeException e) {
      resolved = w.request();
    }
    synchronized (leaving) {
      if (waiting.get(w.requestId()) == null) {
        return;  // started, expired or failed meanwhile
      }
      try {
        if (core.tryStart(w.requestId(), resolved, w.submitNanos(), true) == null) {
          waiting.remove(w.requestId());  // after the start: the job is among the active ones by now
          LOG.info("Job {} of app {} stopped waiting and was placed", w.requestId(), w.request().app());
        }
      } catch (IllegalArgumentException e) {
        // Valid when it arrived, not now (for example the cluster's policy setting changed).
        LOG.warn("Waiting job {} of app {} failed: {}", w.requestId(), w.request().app(), e.getMessage());
        core.ended(refused(w.requestId(), w.request(), e.getMessage()));
        waiting.remove(w.requestId());
      }
    }
  }

  /** The request with duplicate task ids renamed apart, where its style allows them. */
  static JobRequest normalize(JobRequest r, RequestStyle style) {
    if (!style.allowsDuplicateTaskIds()) {
      return r;
    }
    List<TaskRequest> tasks = DuplicateTaskIds.makeUnique(r.tasks());
    return tasks == r.tasks() ? r : r.withTasks(tasks);
  }

  /** The request with each host-name preference extended by the ids of the node monitors it means. */
  JobRequest resolvePreferences(JobRequest r, Map<String, NodeMonitorInfo> members) {
    List<TaskRequest> out = null;
    HostPreferences.Matcher matcher = null;
    List<TaskRequest> tasks = r.tasks();
    for (int i = 0; i < tasks.size(); i++) {
      TaskRequest t = tasks.get(i);
      if (t == null || t.preferredNodes().isEmpty()) {
        continue;
      }
      if (matcher == null) {
        matcher = preferences.matcher(members);
      }
      List<String> nodes = matcher.expand(t.preferredNodes());
      if (nodes != t.preferredNodes()) {
        if (out == null) {
          out = new ArrayList<>(tasks);
        }
        out.set(i, new TaskRequest(t.taskId(), t.message(), t.kind(), nodes, t.constraints()));
      }
    }
    return out == null ? r : r.withTasks(out);
  }

  private static JobStatus refused(String requestId, JobRequest r, String reason) {
    return new JobStatus(requestId, JobState.FAILED, r.tasks().size(), 0, 0, 0, "refused: " + reason, List.of());
  }
}
