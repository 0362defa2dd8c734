package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparrow.common.NodeMonitorInfo;

/**
 * Per node monitor, how many of one job's reservations it may still hold and which of the job's
 * tasks run there; and the node monitors this job must not use again. Guarded by the job's lock.
 */
final class ReservationLedger {

  private final Map<String, JobNode> nodes;
  /** Every node monitor ever in the ledger, departed ones too (for the scheduler's node index). */
  private final Set<String> everHeld = new HashSet<>();
  /** Node monitors that refused or could not take this job's reservations. */
  private final Set<String> excluded = new HashSet<>();
  /** False once no node holds an outstanding reservation (they only grow in {@link #reserve}). */
  private boolean mayHoldReservations;

  ReservationLedger(int tasks) {
    this.nodes = new LinkedHashMap<>(Math.max(16, (int) Math.min(4L * tasks, 1 << 16)));
  }

  JobNode node(NodeMonitorInfo info) {
    return nodes.computeIfAbsent(info.id(), k -> {
      everHeld.add(k);
      return new JobNode(info);
    });
  }

  Set<String> everHeld() {
    return Set.copyOf(everHeld);
  }

  /** The entry of a node monitor this job dealt with; null if none (or it left). */
  JobNode get(String nodeId) {
    return nodes.get(nodeId);
  }

  JobNode remove(String nodeId) {
    return nodes.remove(nodeId);
  }

  boolean involves(String nodeId) {
    return nodes.containsKey(nodeId);
  }

  void reserve(JobNode n, int slots) {
    n.outstanding += slots;
    mayHoldReservations |= slots > 0;
  }

  /** Slots used or dropped by the node monitor; never below zero. */
  void release(JobNode n, int slots) {
    n.outstanding = Math.max(0, n.outstanding - slots);
  }

  void exclude(String nodeId) {
    excluded.add(nodeId);
  }

  Set<String> excluded() {
    return Set.copyOf(excluded);
  }

  /** Outstanding reservations per node, in the order nodes joined the job. */
  Map<String, Integer> capacity() {
    Map<String, Integer> capacity = new LinkedHashMap<>();
    nodes.forEach((id, n) -> {
      if (n.outstanding > 0) {
        capacity.put(id, n.outstanding);
      }
    });
    return capacity;
  }

  NodeMonitorInfo info(String nodeId) {
    return nodes.get(nodeId).info;
  }

  /**
   * Proactive cancellation: zeroes and returns every node that may still hold a reservation of
   * this job, except those named.
   */
  List<NodeMonitorInfo> takeLeftovers(Set<String> except) {
    if (!mayHoldReservations) {
      // Called on every report once all tasks launched: skip the scan over the job's nodes.
      return List.of();
    }
    List<NodeMonitorInfo> out = new ArrayList<>();
    boolean kept = false;
    for (JobNode n : nodes.values()) {
      if (n.outstanding > 0) {
        if (except.contains(n.info.id())) {
          kept = true;
        } else {
          n.outstanding = 0;
          out.add(n.info);
        }
      }
    }
    mayHoldReservations = kept;
    return out;
  }
}
