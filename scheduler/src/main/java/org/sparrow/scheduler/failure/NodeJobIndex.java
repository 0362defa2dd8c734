package org.sparrow.scheduler.failure;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node monitor id -> the active jobs that sent it reservations, so a departure or a failure
 * touches only those jobs instead of scanning every job. Thread-safe; an entry may outlive its
 * job briefly (the job's own checks make a stale one harmless), never the other way round.
 *
 * @param <J> the job type (identity equality)
 */
public final class NodeJobIndex<J> {

  private final Map<String, Set<J>> jobsOf = new ConcurrentHashMap<>();

  /** The job sent (or is about to send) reservations to the node. */
  public void add(String nodeId, J job) {
    jobsOf.computeIfAbsent(nodeId, k -> ConcurrentHashMap.newKeySet()).add(job);
  }

  /** The job ended: it no longer needs to hear about these nodes. */
  public void remove(Iterable<String> nodeIds, J job) {
    for (String nodeId : nodeIds) {
      jobsOf.computeIfPresent(nodeId, (k, s) -> {
        s.remove(job);
        return s.isEmpty() ? null : s;
      });
    }
  }

  /** The active jobs involving the node (a copy). */
  public List<J> jobsOn(String nodeId) {
    Set<J> s = jobsOf.get(nodeId);
    return s == null ? List.of() : List.copyOf(s);
  }

  /** Node monitors with at least one indexed job. */
  public Set<String> nodes() {
    return Set.copyOf(jobsOf.keySet());
  }

  /** The node is gone for good: forget it. */
  public void forget(String nodeId) {
    jobsOf.remove(nodeId);
  }
}
