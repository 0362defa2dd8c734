package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparrow.scheduler.failure.RetryPolicy;
import java.util.function.Predicate;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.HostPort;
import org.sparrow.common.TaskKind;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.scheduler.placement.NodeRequirement;
import org.sparrow.scheduler.placement.PlacementPolicies;

/** Checks a submitted job and resolves its defaults; every error names what is wrong. */
final class JobValidator {

  /** Longest deadline a job gets (100 years): larger timeoutMs values are clamped to it. */
  static final long MAX_TIMEOUT_MS = 100L * 365 * 24 * 3600 * 1000;

  private final PlacementPolicies policies;
  private final int maxTasksPerJob;
  private final long defaultTimeoutMs;

  /** @param defaultTimeoutMs deadline of jobs that ask for none; 0 = no deadline */
  JobValidator(PlacementPolicies policies, int maxTasksPerJob, long defaultTimeoutMs) {
    this.policies = policies;
    this.maxTasksPerJob = maxTasksPerJob;
    this.defaultTimeoutMs = defaultTimeoutMs == 0 ? 0 : checkTimeoutMs(defaultTimeoutMs);
  }

  /**
   * @param hasRegisteredFrontend whether an app has a frontend registered
   * @throws IllegalArgumentException naming the problem
   */
  ValidJob validate(JobRequest r, ClusterSettings settings, Predicate<String> hasRegisteredFrontend) {
    if (r.app() == null || r.app().isBlank()) {
      throw new IllegalArgumentException("the job's app is missing");
    }
    List<TaskRequest> tasks = r.tasks();
    if (tasks.isEmpty()) {
      throw new IllegalArgumentException("the job has no tasks");
    }
    if (tasks.size() > maxTasksPerJob) {
      throw new IllegalArgumentException("the job has " + tasks.size() + " tasks; at most "
          + maxTasksPerJob + " are allowed per job");
    }
    double probeRatio = settings.probeRatio();
    if (r.probeRatio() != null) {
      probeRatio = ClusterSettings.checkProbeRatio(r.probeRatio());
    }
    var policy = policies.get(r.policy() != null ? r.policy() : settings.policy());
    long timeoutMs = r.timeoutMs() != null ? checkTimeoutMs(r.timeoutMs()) : defaultTimeoutMs;
    HostPort frontend = null;
    if (r.frontendAddress() != null && !r.frontendAddress().isBlank()) {
      try {
        frontend = HostPort.parse(r.frontendAddress());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("frontendAddress: " + e.getMessage());
      }
    } else if (r.notifyCompletion() && !hasRegisteredFrontend.test(r.app())) {
      throw new IllegalArgumentException("notifyCompletion is set but the job has no frontendAddress"
          + " and no frontend is registered for app '" + r.app() + "'");
    }
    checkConstraints("job", r.constraints());
    List<NodeRequirement> requirements = new ArrayList<>(tasks.size());
    Set<String> ids = new HashSet<>(tasks.size() * 2);
    Map<String, NodeRequirement> shared = new HashMap<>();  // by kind, for tasks without own constraints
    for (int i = 0; i < tasks.size(); i++) {
      TaskRequest t = tasks.get(i);
      if (t == null || t.taskId() == null) {
        throw new IllegalArgumentException("task #" + i + " has no taskId");
      }
      if (!ids.add(t.taskId())) {
        throw new IllegalArgumentException("duplicate taskId '" + t.taskId() + "'");
      }
      NodeRequirement req = t.hasPerTaskConstraints() ? null : shared.get(String.valueOf(t.kind()));
      if (req == null) {
        req = requirement(r, t);
        if (!t.hasPerTaskConstraints()) {
          shared.put(String.valueOf(t.kind()), req);
        }
      } else {
        checkKind(t);
      }
      requirements.add(req);
    }
    RetryPolicy retry = RetryPolicy.DEFAULT;
    if (r.retry().maxAttempts() != null || r.retry().idempotent() != null) {
      retry = new RetryPolicy(
          r.retry().maxAttempts() != null ? r.retry().maxAttempts() : RetryPolicy.DEFAULT_MAX_ATTEMPTS,
          r.retry().idempotent() == null || r.retry().idempotent());
    }
    return new ValidJob(r, probeRatio, policy, timeoutMs, frontend, List.copyOf(requirements), retry);
  }

  /**
   * A requested deadline, clamped to {@link #MAX_TIMEOUT_MS} (which also keeps it from
   * overflowing when turned into nanoseconds: above about 9.2e12 ms it would wrap and time the
   * job out at once).
   */
  static long checkTimeoutMs(long timeoutMs) {
    if (timeoutMs < 0) {
      throw new IllegalArgumentException("timeoutMs must not be negative, got " + timeoutMs
          + " (leave it unset for no deadline)");
    }
    if (timeoutMs == 0) {
      throw new IllegalArgumentException("timeoutMs must be positive, got 0 (leave it unset for no deadline)");
    }
    return Math.min(timeoutMs, MAX_TIMEOUT_MS);
  }

  /** The task's built-in kind after checking its argument; null for backend tasks. */
  private static TaskKind checkKind(TaskRequest t) {
    if (t.kind() == null) {
      return null;
    }
    try {
      TaskKind kind = TaskKind.parse(t.kind());
      kind.validateArgument(t.message());
      return kind;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("task '" + t.taskId() + "': " + e.getMessage());
    }
  }

  private static NodeRequirement requirement(JobRequest job, TaskRequest t) {
    boolean command = checkKind(t) == TaskKind.COMMAND;
    checkConstraints("task '" + t.taskId() + "'", t.constraints());
    Map<String, String> attributes = job.constraints();
    if (!t.constraints().isEmpty()) {
      attributes = new HashMap<>(job.constraints());
      for (Map.Entry<String, String> e : t.constraints().entrySet()) {
        String previous = attributes.put(e.getKey(), e.getValue());
        if (previous != null && !previous.equals(e.getValue())) {
          throw new IllegalArgumentException("task '" + t.taskId() + "' constraint " + e.getKey() + "="
              + e.getValue() + " contradicts the job constraint " + e.getKey() + "=" + previous);
        }
      }
    }
    for (String node : t.preferredNodes()) {
      if (node == null || node.isBlank()) {
        throw new IllegalArgumentException("task '" + t.taskId() + "' names an empty preferred node");
      }
    }
    return new NodeRequirement(attributes, t.kind() == null ? job.app() : null, command,
        new HashSet<>(t.preferredNodes()));
  }

  private static void checkConstraints(String owner, Map<String, String> constraints) {
    for (Map.Entry<String, String> e : constraints.entrySet()) {
      if (e.getKey() == null || e.getKey().isBlank() || e.getValue() == null) {
        throw new IllegalArgumentException(owner + " has a constraint with an empty key or value");
      }
    }
  }
}
