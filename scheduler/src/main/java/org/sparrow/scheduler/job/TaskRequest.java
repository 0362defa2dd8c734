package org.sparrow.scheduler.job;

import java.util.List;
import java.util.Map;

/**
 * One task of a submitted job, as the frontend described it.
 *
 * @param taskId         unique within the job
 * @param message        opaque payload for the backend, or the argument of {@code kind}
 * @param kind           built-in task kind wire name; null = hand to the application backend
 * @param preferredNodes per-task constraint: may run only on these nodes (ids or hosts); empty = any
 * @param constraints    per-task attribute constraints
 */
public record TaskRequest(String taskId, byte[] message, String kind, List<String> preferredNodes,
    Map<String, String> constraints) {

  public TaskRequest {
    message = message == null ? new byte[0] : message;
    preferredNodes = preferredNodes == null ? List.of() : List.copyOf(preferredNodes);
    constraints = constraints == null ? Map.of() : Map.copyOf(constraints);
  }

  public static TaskRequest of(String taskId, String kind, byte[] message) {
    return new TaskRequest(taskId, message, kind, List.of(), Map.of());
  }

  /** Tasks with their own constraints are sampled one by one (the paper's constrained placement). */
  public boolean hasPerTaskConstraints() {
    return !preferredNodes.isEmpty() || !constraints.isEmpty();
  }
}
