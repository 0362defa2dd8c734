package org.sparrow.nodemonitor;

import java.util.List;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/**
 * A scheduler's answer to a task fetch.
 *
 * @param exhausted the request has nothing more for this node monitor: drop its other
 *                  reservations here
 */
public record FetchedTasks(List<TaskLaunch> tasks, boolean exhausted) {

  public FetchedTasks {
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
  }

  public static FetchedTasks none() {
    return new FetchedTasks(List.of(), true);
  }
}
