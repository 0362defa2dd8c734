package org.sparrow.scheduler;

import java.util.List;

/**
 * The answer to a node monitor's getTasks.
 *
 * @param exhausted the job has nothing more for this node monitor: it drops its other
 *                  reservations of the job
 */
public record TaskBatch(List<TaskLaunch> tasks, boolean exhausted) {

  public static final TaskBatch EXHAUSTED = new TaskBatch(List.of(), true);
}
