package org.sparrow.scheduler;

import java.util.List;
import org.sparrow.common.HostPort;
import org.sparrow.scheduler.failure.RetryPolicy;
import org.sparrow.scheduler.placement.NodeRequirement;
import org.sparrow.scheduler.placement.PlacementPolicy;

/**
 * A request that passed validation, with every default resolved.
 *
 * @param frontend     explicit notification address; null = the app's registered frontend
 * @param requirements per task (same order as the request's tasks)
 * @param retry        when a lost task runs again
 */
record ValidJob(JobRequest request, double probeRatio, PlacementPolicy policy, long timeoutMs,
    HostPort frontend, List<NodeRequirement> requirements, RetryPolicy retry) {

  /** Whether the task goes to the app's backend (no built-in kind). */
  boolean isBackendTask(int idx) {
    String kind = request.tasks().get(idx).kind();
    return kind == null || kind.isEmpty();
  }
}
