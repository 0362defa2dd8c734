package org.sparrow.scheduler.admission;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.JobRequest;
import org.sparrow.scheduler.JobState;
import org.sparrow.scheduler.JobStatus;
import org.sparrow.scheduler.TaskRequest;

/**
 * What the scheduler accepts that the original Sparrow accepted, before validation and
 * placement: the rules of {@link RequestStyle}, duplicate task ids, host names in preferences,
 * and the jobs that wait for a node monitor ({@link WaitingJobs}). The scheduler core asks; this
 * class holds no job state of its own apart from the waiting queue.
 */
public final class Admission {

  private final HostPreferences preferences;
  private final WaitingJobs waiting;

  public Admission(HostPreferences preferences, WaitingJobs waiting) {
    this.preferences = Objects.requireNonNull(preferences, "preferences");
    this.waiting = Objects.requireNonNull(waiting, "waiting");
  }

  public WaitingJobs waiting() {
    return waiting;
  }

  /** The request with duplicate task ids renamed apart, where its style allows them. */
  public static JobRequest normalize(JobRequest r, RequestStyle style) {
    if (!style.allowsDuplicateTaskIds()) {
      return r;
    }
    List<TaskRequest> tasks = DuplicateTaskIds.makeUnique(r.tasks());
    return tasks == r.tasks() ? r : r.withTasks(tasks);
  }

  /** The request with each host-name preference extended by the ids of the node monitors it means. */
  public JobRequest resolvePreferences(JobRequest r, Map<String, NodeMonitorInfo> members) {
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

  /** The status of an empty job: the original's liveness check, a no-op that ends at once. */
  public static JobStatus emptyJob(String requestId) {
    return new JobStatus(requestId, JobState.SUCCEEDED, 0, 0, 0, 0, null, List.of());
  }

  /** The status of a request accepted only to fail at once (original style: no exception). */
  public static JobStatus refused(String requestId, JobRequest r, String reason) {
    return new JobStatus(requestId, JobState.FAILED, r.tasks().size(), 0, 0, 0,
        "refused: " + reason, List.of());
  }

  /** The status of a job that still waits for a node monitor. */
  public static JobStatus waitingStatus(WaitingJobs.Waiting w) {
    return new JobStatus(w.requestId(), JobState.RUNNING, w.tasks(), 0, 0, 0, null, List.of());
  }
}
