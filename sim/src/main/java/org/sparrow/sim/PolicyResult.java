package org.sparrow.sim;

import java.util.Map;

/**
 * One simulated (policy, queue policy, load) point.
 *
 * @param queuePolicy  the node monitors' queue policy; null for a policy without node monitors (omniscient)
 * @param stats        job response times of the measured jobs
 * @param wallNanos    how long the simulation took on this machine
 * @param cpuNanos     CPU time its thread used (what the wall time would be on an idle core)
 * @param events       discrete events it processed
 * @param users        per-user figures, in the order of {@code --users}; empty without users
 */
public record PolicyResult(String policy, String queuePolicy, double load, ResponseStats stats, long wallNanos,
    long cpuNanos, long events, Map<String, UserFigures> users) {

  public PolicyResult {
    users = users == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(users));
  }

  /** A fifo point without users. */
  public PolicyResult(String policy, double load, ResponseStats stats, long wallNanos, long cpuNanos, long events) {
    this(policy, QueueSetup.DEFAULTS.queuePolicy(), load, stats, wallNanos, cpuNanos, events, Map.of());
  }

  /** The policy, with the queue policy when it is not fifo: {@code batch-late-binding/priority}. */
  public String label() {
    return queuePolicy == null || queuePolicy.equals(QueueSetup.DEFAULTS.queuePolicy()) ? policy
        : policy + "/" + queuePolicy;
  }
}
