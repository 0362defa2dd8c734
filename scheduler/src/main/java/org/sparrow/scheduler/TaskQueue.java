package org.sparrow.scheduler;

import java.util.ArrayDeque;
import org.sparrow.scheduler.placement.NodeRequirement;

/**
 * The unlaunched batch-sampled tasks of a job that share one requirement (normally all of them;
 * a job mixing backend, command and other kinds has up to three). Entries of tasks launched by
 * other means are skipped lazily; {@link #remaining} is exact. Guarded by the job's lock.
 */
final class TaskQueue {

  final NodeRequirement requirement;
  final ArrayDeque<Integer> tasks = new ArrayDeque<>();
  int remaining;

  TaskQueue(NodeRequirement requirement) {
    this.requirement = requirement;
  }

  /** How tightly the requirement restricts nodes: tighter queues are served first. */
  int tightness() {
    return (requirement.backendApp() != null ? 2 : 0) + (requirement.needsCommand() ? 1 : 0);
  }
}
