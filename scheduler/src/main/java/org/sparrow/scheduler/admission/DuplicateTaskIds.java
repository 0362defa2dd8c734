package org.sparrow.scheduler.admission;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sparrow.scheduler.job.TaskRequest;

/**
 * Makes task ids unique within a job, as the scheduler needs to tell the tasks' reports apart.
 * The original Sparrow ran tasks sharing an id; its applications may submit them. The first task
 * with an id keeps it, later ones become {@code id#2}, {@code id#3}, ... (skipping any name a
 * task of the job already has). The renamed id is what the backend, the status and the
 * notifications show.
 */
public final class DuplicateTaskIds {

  private DuplicateTaskIds() {}

  /** The tasks with unique ids; the same list when they already are. Null tasks and ids are left as they are. */
  public static List<TaskRequest> makeUnique(List<TaskRequest> tasks) {
    Set<String> seen = new HashSet<>(tasks.size() * 2);
    boolean duplicates = false;
    for (TaskRequest t : tasks) {
      if (t != null && t.taskId() != null && !seen.add(t.taskId())) {
        duplicates = true;
        break;
      }
    }
    if (!duplicates) {
      return tasks;
    }
    Set<String> taken = new HashSet<>(tasks.size() * 2);
    for (TaskRequest t : tasks) {
      if (t != null && t.taskId() != null) {
        taken.add(t.taskId());
      }
    }
    Set<String> used = new HashSet<>(tasks.size() * 2);
    List<TaskRequest> out = new ArrayList<>(tasks.size());
    for (TaskRequest t : tasks) {
      if (t == null || t.taskId() == null || used.add(t.taskId())) {
        out.add(t);
        continue;
      }
      String id;
      int n = 2;
      do {
        id = t.taskId() + "#" + n++;
      } while (taken.contains(id) || !used.add(id));
      out.add(new TaskRequest(id, t.message(), t.kind(), t.preferredNodes(), t.constraints()));
    }
    return out;
  }
}
