package org.sparrow.scheduler;

import java.util.List;
import org.sparrow.common.HostPort;
import org.sparrow.scheduler.failure.RetryPolicy;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.placement.NodeRequirement;
import org.sparrow.scheduler.placement.PlacementPolicy;

/**
 * A request that passed validation, with every default resolved.
 *
 * @param timeoutMs    deadline after submission, clamped; 0 = none
 * @param frontend     explicit notification address; null = the app's registered frontend
 * @param requirements per task (same order as the request's tasks)
 * @param retry        when a lost task runs again
 */
record ValidJob(JobRequest request, double probeRatio, PlacementPolicy policy, long timeoutMs,
    HostPort frontend, List<NodeRequirement> requirements, RetryPolicy retry) {

  public boolean hasDeadline() {
    return timeoutMs > 0;
  }

  /** The deadline on the scheduler's clock (meaningful only if {@link #hasDeadline()}). */
  public long deadlineNanos(long submitNanos) {
    // Cannot overflow: timeoutMs is clamped; a wrapped sum still compares right as a difference.
    return submitNanos + timeoutMs * 1_000_000L;
  }

  /** Whether the task goes to the app's backend (no built-in kind). */
  boolean isBackendTask(int idx) {
    String kind = request.tasks().get(idx).kind();
    return kind == null || kind.isEmpty();
  }
}
