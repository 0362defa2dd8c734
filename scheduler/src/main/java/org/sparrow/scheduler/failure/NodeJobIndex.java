package org.sparrow.scheduler.failure;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node monitor id -> the active jobs that sent it reservations, so a departure or a failure
 * touches only those jobs instead of scanning every job. Thread-safe; an entry may outlive its
 * job briefly (the job's own checks make a stale one harmless), never the other way round.
 *
 * <p>Jobs come back in the order they first sent the node reservations, never in hash order:
 * jobs share the scheduler's seeded Random, so the order in which a departure re-places them
 * decides every later sample, and a seeded run must replay the same way (jobs have identity
 * hash codes, which differ from run to run). One lock: every operation is a few map steps.
 *
 * @param <J> the job type (identity equality)
 */
public final class NodeJobIndex<J> {

  private final Map<String, Set<J>> jobsOf = new LinkedHashMap<>();

  /** The job sent (or is about to send) reservations to the node. */
  public synchronized void add(String nodeId, J job) {
    jobsOf.computeIfAbsent(nodeId, k -> new LinkedHashSet<>()).add(job);
  }

  /** The job ended: it no longer needs to hear about these nodes. */
  public synchronized void remove(Iterable<String> nodeIds, J job) {
    for (String nodeId : nodeIds) {
      Set<J> s = jobsOf.get(nodeId);
      if (s != null && s.remove(job) && s.isEmpty()) {
        jobsOf.remove(nodeId);
      }
    }
  }

  /** The active jobs involving the node (a copy), in the order they first sent it reservations. */
  public synchronized List<J> jobsOn(String nodeId) {
    Set<J> s = jobsOf.get(nodeId);
    return s == null ? List.of() : List.copyOf(s);
  }

  /** Node monitors with at least one indexed job, in the order they were first indexed. */
  public synchronized Set<String> nodes() {
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(jobsOf.keySet()));
  }

  /** The node is gone for good: forget it. */
  public synchronized void forget(String nodeId) {
    jobsOf.remove(nodeId);
  }
}
