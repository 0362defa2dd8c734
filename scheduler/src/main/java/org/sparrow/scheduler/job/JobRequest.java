package org.sparrow.scheduler.job;

import org.sparrow.common.UserInfo;

import java.util.List;
import java.util.Map;

/**
 * A job as submitted, before validation. Optional settings are null when not given.
 *
 * @param probeRatio       d; null = the cluster's setting
 * @param notifyCompletion send a completion message per task to the frontend
 * @param frontendAddress  "host:port" of that frontend; null = the one registered for the app
 * @param policy           placement policy name; null = the cluster's setting
 * @param constraints      job constraints: node attribute key must equal value
 * @param timeoutMs        deadline after submission; null = the scheduler's default (none unless configured)
 * @param retry            retries, idempotency key and submit deadline
 */
public record JobRequest(String app, List<TaskRequest> tasks, UserInfo user, String description,
    Double probeRatio, boolean notifyCompletion, String frontendAddress, String policy,
    Map<String, String> constraints, Long timeoutMs, RetryOptions retry) {

  public JobRequest {
    tasks = tasks == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(tasks));
    user = user == null ? UserInfo.ANONYMOUS : user;
    constraints = constraints == null ? Map.of() : Map.copyOf(constraints);
    retry = retry == null ? RetryOptions.NONE : retry;
  }

  /** Without failure-handling options. */
  public JobRequest(String app, List<TaskRequest> tasks, UserInfo user, String description,
      Double probeRatio, boolean notifyCompletion, String frontendAddress, String policy,
      Map<String, String> constraints, Long timeoutMs) {
    this(app, tasks, user, description, probeRatio, notifyCompletion, frontendAddress, policy, constraints,
        timeoutMs, RetryOptions.NONE);
  }

  public JobRequest withRetry(RetryOptions r) {
    return new JobRequest(app, tasks, user, description, probeRatio, notifyCompletion, frontendAddress, policy,
        constraints, timeoutMs, r);
  }

  /** A plain job: no options, defaults for everything. */
  public static JobRequest of(String app, List<TaskRequest> tasks) {
    return new JobRequest(app, tasks, null, null, null, false, null, null, null, null);
  }

  public JobRequest withProbeRatio(Double d) {
    return new JobRequest(app, tasks, user, description, d, notifyCompletion, frontendAddress, policy, constraints, timeoutMs, retry);
  }

  public JobRequest withNotification(String frontend) {
    return new JobRequest(app, tasks, user, description, probeRatio, true, frontend, policy, constraints, timeoutMs, retry);
  }

  public JobRequest withPolicy(String name) {
    return new JobRequest(app, tasks, user, description, probeRatio, notifyCompletion, frontendAddress, name, constraints, timeoutMs, retry);
  }

  public JobRequest withConstraints(Map<String, String> c) {
    return new JobRequest(app, tasks, user, description, probeRatio, notifyCompletion, frontendAddress, policy, c, timeoutMs, retry);
  }

  public JobRequest withTasks(List<TaskRequest> t) {
    return new JobRequest(app, t, user, description, probeRatio, notifyCompletion, frontendAddress, policy, constraints, timeoutMs, retry);
  }

  public JobRequest withTimeoutMs(Long ms) {
    return new JobRequest(app, tasks, user, description, probeRatio, notifyCompletion, frontendAddress, policy, constraints, ms, retry);
  }
}
