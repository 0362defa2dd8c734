package org.sparrow.scheduler;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.Set;
import org.sparrow.common.NodeMonitorInfo;

/** One job's dealings with one node monitor. Guarded by the job's lock. */
final class JobNode {

  final NodeMonitorInfo info;
  /** Reservations the node monitor may still hold (placed, not yet used, cancelled or dropped). */
  int outstanding;
  /** Per-task-sampled tasks this node was chosen for: handed to it first. */
  final ArrayDeque<Integer> hints = new ArrayDeque<>(2);
  /** Tasks launched here that have not reported yet. */
  final Set<Integer> running = new LinkedHashSet<>(4);

  JobNode(NodeMonitorInfo info) {
    this.info = info;
  }
}
