package org.sparrow.scheduler.failure;

import java.util.List;
import org.sparrow.scheduler.placement.TaskGroup;

/**
 * The probe ratio of a re-placement (tasks retried after a lost run, reservations of a failed or
 * draining node monitor): at least the job's own, and wide enough to put one reservation on up
 * to {@code spread} eligible node monitors per task. Late binding runs a re-placed task on
 * whichever of them frees a slot first, so it waits for the earliest free slot among those
 * nodes rather than among the job's ratio (2) of them. It never asks for more reservations than
 * there are eligible nodes (a second reservation on the same node would only queue behind the
 * first), so on a cluster whose survivors the job's ratio already covers it changes nothing.
 *
 * @param spread node monitors per re-placed task at most (1 = the job's own ratio only)
 */
public record ReplacementSpread(double spread) {

  /** One reservation on each of up to four node monitors per re-placed task. */
  public static final ReplacementSpread DEFAULT = new ReplacementSpread(4);
  /** The job's own probe ratio, as before this existed. */
  public static final ReplacementSpread JOB_RATIO = new ReplacementSpread(1);

  public ReplacementSpread {
    if (!(spread >= 1) || spread > org.sparrow.common.ClusterSettings.MAX_PROBE_RATIO) {
      throw new IllegalArgumentException("the re-placement spread must be between 1 and "
          + org.sparrow.common.ClusterSettings.MAX_PROBE_RATIO + ", not " + spread);
    }
  }

  /**
   * @param jobRatio the job's probe ratio
   * @param groups   what is re-placed, with each group's eligible node monitors
   */
  public double ratio(double jobRatio, List<TaskGroup> groups) {
    double ratio = Math.max(1.0, jobRatio);
    int tasks = 0;
    int nodes = Integer.MAX_VALUE;
    for (TaskGroup g : groups) {
      tasks += g.taskIds().size();
      nodes = Math.min(nodes, g.candidates().size());
    }
    if (tasks == 0) {
      return ratio;
    }
    // The fewest eligible nodes of any group bounds the spread (for the one ratio of the placement).
    return Math.max(ratio, Math.min(spread, (double) nodes / tasks));
  }
}
