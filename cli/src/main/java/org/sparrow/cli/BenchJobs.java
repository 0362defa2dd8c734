package org.sparrow.cli;

import java.util.ArrayList;
import java.util.List;
import org.sparrow.client.Job;
import org.sparrow.client.Task;
import org.sparrow.common.UserShares;
import org.sparrow.sim.SimJob;

/** Turns simulator jobs into real ones: 0-ms tasks are {@code noop}, others {@code sleep}. */
final class BenchJobs {

  private final String policy;
  private final Double probeRatio;
  private final UserShares users;
  private final Integer priority;

  BenchJobs(String policy, Double probeRatio) {
    this(policy, probeRatio, UserShares.NONE, null);
  }

  /**
   * With {@code users} naming each job's user and {@code priority} every job's priority (null: each
   * user's {@code :pN} if the mix gives them, else the client's default).
   */
  BenchJobs(String policy, Double probeRatio, UserShares users, Integer priority) {
    this.policy = policy;
    this.probeRatio = probeRatio;
    this.users = users;
    this.priority = priority;
  }

  /** The user job {@code job} runs for; null when the bench names none. */
  String userOf(SimJob job) {
    UserShares.User u = users.userOf(job.index());
    return u == null ? null : u.name();
  }

  /** The priority job {@code job} carries; null for the client's default. */
  Integer priorityOf(SimJob job) {
    if (priority != null || !users.givesPriorities()) {
      return priority;
    }
    return users.userOf(job.index()).priority();
  }

  /** Task durations rounded to what a sleep task can do (whole milliseconds). */
  static SimJob roundToMillis(SimJob job) {
    long[] tasks = new long[job.tasks()];
    for (int i = 0; i < tasks.length; i++) {
      tasks[i] = Math.round(job.taskNanos()[i] / 1e6) * 1_000_000L;
    }
    return new SimJob(job.index(), job.arrivalNanos(), tasks);
  }

  /** {@code job} must already be rounded to milliseconds. */
  Job toJob(SimJob job) {
    List<Task> tasks = new ArrayList<>(job.tasks());
    for (int i = 0; i < job.tasks(); i++) {
      long ms = job.taskNanos()[i] / 1_000_000L;
      tasks.add(ms == 0 ? Task.noop("t" + i) : Task.sleep("t" + i, ms));
    }
    Job.Builder b = Job.builder().tasks(tasks).description("sparrow bench");
    if (policy != null) {
      b.policy(policy);
    }
    if (probeRatio != null) {
      b.probeRatio(probeRatio);
    }
    String user = userOf(job);
    if (user != null) {
      b.user(user);
    }
    Integer p = priorityOf(job);
    if (p != null) {
      b.priority(p);
    }
    return b.build();
  }
}
