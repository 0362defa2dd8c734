package org.sparrow.scheduler.failure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Clients' leases on their jobs. A job submitted with a lease is given up (the scheduler cancels
 * it) once the scheduler has not reached the job's frontend for the lease's length: the client,
 * which hears nothing from this scheduler for longer than that plus a margin, sends the job
 * elsewhere, so a scheduler cut off from its client (alive, still reaching its node monitors)
 * never runs a job that also runs on another one. The scheduler reaches a frontend when a
 * heartbeat to it succeeds; accepting the job counts as reaching it. Pure: times are passed in.
 * Thread-safe.
 */
public final class ClientLeases {

  private record Lease(String frontend, long leaseNanos) {}

  private final Map<String, Lease> jobs = new HashMap<>();
  /** Frontend -> when it was last reached. */
  private final Map<String, Long> reached = new HashMap<>();

  /** The job (its request id) is leased by the client listening at {@code frontend}. */
  public synchronized void track(String requestId, String frontend, long leaseMs, long nowNanos) {
    jobs.put(requestId, new Lease(frontend, leaseMs * 1_000_000L));
    reached.merge(frontend, nowNanos, Math::max);
  }

  /** A heartbeat to the frontend succeeded. */
  public synchronized void reached(String frontend, long nowNanos) {
    reached.computeIfPresent(frontend, (k, v) -> Math.max(v, nowNanos));
  }

  /** The frontends of leased jobs: where heartbeats go. */
  public synchronized Set<String> frontends() {
    return Set.copyOf(reached.keySet());
  }

  public synchronized int size() {
    return jobs.size();
  }

  /**
   * Forgets jobs that ended ({@code active} false) and returns, forgetting them too, those whose
   * frontend was not reached for their lease's length: the caller gives them up.
   */
  public synchronized List<String> takeExpired(long nowNanos, Predicate<String> active) {
    List<String> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, Lease>> it = jobs.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Lease> e = it.next();
      if (!active.test(e.getKey())) {
        it.remove();
        continue;
      }
      Long last = reached.get(e.getValue().frontend());
      if (last == null || nowNanos - last >= e.getValue().leaseNanos()) {
        out.add(e.getKey());
        it.remove();
      }
    }
    reached.keySet().retainAll(jobs.values().stream().map(Lease::frontend).toList());
    return out;
  }

  /** When the frontend was last reached; null if no leased job has it. */
  public synchronized Long lastReachedNanos(String frontend) {
    return reached.get(frontend);
  }
}
