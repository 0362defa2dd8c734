package org.sparrow.scheduler.failure;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which node monitors this scheduler currently distrusts. A node monitor that refuses a
 * connection (nothing listens: the process is gone) is suspect at once; one whose calls fail
 * otherwise (timeouts, resets) after {@code failuresToSuspect} in a row. It stays suspect until
 * it answers a call again, the membership lists another incarnation under its id (it was
 * restarted) or confirms it gone. Pure: callers pass the outcome of
 * each call and act on the {@link Change} it returns. Thread-safe.
 */
public final class NodeHealth {

  /** What a call's outcome changed. */
  public enum Change {
    NONE,
    /** The node monitor just became suspect: exclude it, re-place what it held. */
    SUSPECT,
    /** A suspect node monitor answered again: it may be sampled again. */
    RECOVERED
  }

  private static final class State {
    int consecutiveFailures;
    long suspectSinceNanos;
    boolean suspect;
    /** The incarnation whose calls failed ("" = unknown). */
    String bootId = "";
  }

  private final int failuresToSuspect;
  private final Map<String, State> nodes = new HashMap<>();
  /** Immutable, replaced on every change: read on the placement hot path without the lock. */
  private volatile Set<String> suspects = Set.of();
  /** nodes.size(), readable without the lock. */
  private volatile int tracked;
  /** Draining node monitors -> the incarnation that drains ("" = unknown). */
  private final Map<String, String> draining = new HashMap<>();
  /** Suspects and draining ones: what placement leaves out (immutable, replaced on change). */
  private volatile Set<String> excluded = Set.of();

  public NodeHealth(int failuresToSuspect) {
    if (failuresToSuspect < 1) {
      throw new IllegalArgumentException("failuresToSuspect must be at least 1");
    }
    this.failuresToSuspect = failuresToSuspect;
  }

  /**
   * A call to the node monitor failed.
   *
   * @param refused no connection could be opened (nothing was sent)
   */
  public Change failed(String nodeId, boolean refused, long nowNanos) {
    return failed(nodeId, "", refused, nowNanos);
  }

  /**
   * A call to incarnation {@code bootId} ("" = unknown) of the node monitor failed; see {@link
   * #incarnationSeen} for what ends the suspicion of a known incarnation.
   *
   * @param refused no connection could be opened (nothing was sent)
   */
  public synchronized Change failed(String nodeId, String bootId, boolean refused, long nowNanos) {
    State s = nodes.computeIfAbsent(nodeId, k -> new State());
    tracked = nodes.size();
    if (bootId != null && !bootId.isEmpty()) {
      s.bootId = bootId;
    }
    s.consecutiveFailures++;
    if (s.suspect || (!refused && s.consecutiveFailures < failuresToSuspect)) {
      return Change.NONE;
    }
    s.suspect = true;
    s.suspectSinceNanos = nowNanos;
    publish();
    return Change.SUSPECT;
  }

  /** A call to the node monitor succeeded (or it called us). */
  public Change answered(String nodeId) {
    if (tracked == 0) {
      return Change.NONE;  // the common case, on every getTasks: no lock
    }
    synchronized (this) {
      State s = nodes.remove(nodeId);
      tracked = nodes.size();
      if (s == null || !s.suspect) {
        return Change.NONE;
      }
      publish();
      return Change.RECOVERED;
    }
  }

  /** The membership says it is gone: forget it (a new process under the id starts trusted). */
  public synchronized void gone(String nodeId) {
    boolean wasDraining = draining.remove(nodeId) != null;
    if (nodes.remove(nodeId) != null || wasDraining) {
      tracked = nodes.size();
      publish();
    }
  }

  /**
   * The node monitor said it drains (it refused an enqueue as draining, or handed reservations
   * back): no new reservations for any job, although it still answers, until it leaves or
   * another incarnation registers under its id.
   *
   * @return true if it was not known to drain already
   */
  public synchronized boolean draining(String nodeId, String bootId) {
    String boot = bootId == null ? "" : bootId;
    String before = draining.get(nodeId);
    boolean fresh = before == null;
    if (fresh || (before.isEmpty() && !boot.isEmpty())) {
      draining.put(nodeId, boot);  // learn the incarnation if it was unknown
    }
    if (fresh) {
      publish();
    }
    return fresh;
  }

  /**
   * Membership lists incarnation {@code bootId} under the id: a restarted process does not
   * drain, and is not suspect either (it registers once it listens; the incarnation whose calls
   * failed is gone). A drain of an unknown incarnation ends at the first known one (it can only
   * be told apart from the draining process by its boot id, so an unknown one must not stick);
   * a suspicion of an unknown incarnation waits for an answer.
   *
   * @return RECOVERED if a suspicion ended
   */
  public synchronized Change incarnationSeen(String nodeId, String bootId) {
    if (bootId == null || bootId.isEmpty()) {
      return Change.NONE;
    }
    boolean changed = false;
    String drainingBoot = draining.get(nodeId);
    if (drainingBoot != null && !drainingBoot.equals(bootId)) {
      draining.remove(nodeId);
      changed = true;
    }
    State s = nodes.get(nodeId);
    boolean recovered = false;
    if (s != null && !s.bootId.isEmpty() && !s.bootId.equals(bootId)) {
      nodes.remove(nodeId);
      tracked = nodes.size();
      recovered = s.suspect;
      changed = true;
    }
    if (changed) {
      publish();
    }
    return recovered ? Change.RECOVERED : Change.NONE;
  }

  public boolean isDraining(String nodeId) {
    return excluded.contains(nodeId) && !suspects.contains(nodeId);
  }

  /** What placement leaves out: suspect and draining node monitors (immutable; new set per change). */
  public Set<String> excluded() {
    return excluded;
  }

  public boolean isSuspect(String nodeId) {
    return suspects.contains(nodeId);
  }

  /** Suspect node monitors now (an immutable set; a new set after each change). */
  public Set<String> suspects() {
    return suspects;
  }

  /** When the node monitor became suspect; -1 if it is not. */
  public synchronized long suspectSinceNanos(String nodeId) {
    State s = nodes.get(nodeId);
    return s != null && s.suspect ? s.suspectSinceNanos : -1;
  }

  private void publish() {
    Set<String> out = new java.util.HashSet<>();
    nodes.forEach((id, s) -> {
      if (s.suspect) {
        out.add(id);
      }
    });
    suspects = Set.copyOf(out);
    out.addAll(draining.keySet());
    excluded = Set.copyOf(out);
  }
}
