package org.sparrow.scheduler;

import org.sparrow.common.TaskState;
import org.sparrow.scheduler.job.TaskAttempt;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.scheduler.job.TaskResult;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each task of one job stands: unlaunched, launched (on which node monitor) or finished
 * (with its result), and the counts the job's status reports. Guarded by the job's lock; it
 * knows nothing of reservations or queues.
 */
final class TaskTable {

  private static final byte UNLAUNCHED = 0;
  private static final byte LAUNCHED = 1;
  private static final byte FINISHED = 2;

  private final List<TaskRequest> tasks;
  private final Map<String, Integer> indexOf;
  private final byte[] phase;
  private final String[] launchedOn;
  /** Runs started so far (the current one included); 0 before the first launch. */
  private final int[] attempts;
  /** Lost runs of retried tasks; absent for the (usual) tasks that ran once. */
  private final Map<Integer, List<TaskAttempt>> earlier = new HashMap<>();
  private final List<TaskResult> results = new ArrayList<>();
  private int unlaunched;
  private int launchedEver;
  private int finished;
  private int failed;

  TaskTable(List<TaskRequest> tasks) {
    this.tasks = tasks;
    int n = tasks.size();
    this.phase = new byte[n];
    this.launchedOn = new String[n];
    this.attempts = new int[n];
    this.indexOf = new HashMap<>(n * 2);
    for (int i = 0; i < n; i++) {
      indexOf.put(tasks.get(i).taskId(), i);
    }
    this.unlaunched = n;
  }

  int size() {
    return tasks.size();
  }

  TaskRequest task(int idx) {
    return tasks.get(idx);
  }

  /** The task's index, or null for an id that is not in this job. */
  Integer index(String taskId) {
    return indexOf.get(taskId);
  }

  boolean isUnlaunched(int idx) {
    return phase[idx] == UNLAUNCHED;
  }

  boolean isLaunched(int idx) {
    return phase[idx] == LAUNCHED;
  }

  boolean isFinished(int idx) {
    return phase[idx] == FINISHED;
  }

  /** The node monitor a launched task was handed to; null otherwise. */
  String launchedOn(int idx) {
    return launchedOn[idx];
  }

  /** The number of the task's current (or last) run; 0 before its first launch. */
  int attempt(int idx) {
    return attempts[idx];
  }

  /** The task's runs that were lost before the current one, oldest first. */
  List<TaskAttempt> earlierAttempts(int idx) {
    List<TaskAttempt> e = earlier.get(idx);
    return e == null ? List.of() : List.copyOf(e);
  }

  void launch(int idx, String nodeId) {
    attempts[idx]++;
    phase[idx] = LAUNCHED;
    launchedOn[idx] = nodeId;
    unlaunched--;
    launchedEver++;
  }

  /** Takes a launch back (its node monitor never got the task). */
  void unlaunch(int idx) {
    attempts[idx]--;
    phase[idx] = UNLAUNCHED;
    launchedOn[idx] = null;
    unlaunched++;
    launchedEver--;
  }

  /** The launched task's run was lost and it will run again: unlaunched, with the run recorded. */
  void retry(int idx, TaskAttempt lost) {
    earlier.computeIfAbsent(idx, k -> new ArrayList<>(2)).add(lost);
    phase[idx] = UNLAUNCHED;
    launchedOn[idx] = null;
    unlaunched++;
    launchedEver--;
  }

  /** Records the task's final result, from any phase but FINISHED. */
  void finish(int idx, TaskResult r) {
    if (phase[idx] == UNLAUNCHED) {
      unlaunched--;
    }
    phase[idx] = FINISHED;
    results.add(r);
    finished++;
    if (r.state() != TaskState.SUCCEEDED) {
      failed++;
    }
  }

  /**
   * Whether a report is of an earlier run of the task: its attempt number says so, or (from
   * node monitors that do not echo attempts, attempt 0) a retried task's report comes from
   * another node monitor than its current run.
   */
  boolean isStale(int idx, int reportedAttempt, String reportedBy) {
    if (reportedAttempt > 0) {
      return reportedAttempt != attempts[idx];
    }
    return attempts[idx] > 1 && !reportedBy.isEmpty() && !reportedBy.equals(launchedOn[idx]);
  }

  /** How many finished tasks ended in each state other than SUCCEEDED. */
  Map<TaskState, Integer> failureCounts() {
    Map<TaskState, Integer> counts = new java.util.EnumMap<>(TaskState.class);
    for (TaskResult r : results) {
      if (r.state() != TaskState.SUCCEEDED) {
        counts.merge(r.state(), 1, Integer::sum);
      }
    }
    return counts;
  }

  int unlaunchedCount() {
    return unlaunched;
  }

  boolean allFinished() {
    return finished == tasks.size();
  }

  int launchedEver() {
    return launchedEver;
  }

  int finishedCount() {
    return finished;
  }

  int failedCount() {
    return failed;
  }

  /** Results in the order tasks finished (live view: copy before it leaves the lock). */
  List<TaskResult> results() {
    return results;
  }
}
