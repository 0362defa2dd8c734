package org.sparrow.sim;

import java.util.List;

/** Jobs in order of arrival; what the simulator replays and {@code sparrow bench} submits. */
public record Trace(List<SimJob> jobs) {

  public Trace {
    jobs = List.copyOf(jobs);
    for (int i = 1; i < jobs.size(); i++) {
      if (jobs.get(i).arrivalNanos() < jobs.get(i - 1).arrivalNanos()) {
        throw new IllegalArgumentException("trace jobs must be in order of arrival (job " + i + ")");
      }
    }
  }

  public int size() {
    return jobs.size();
  }

  public long totalTasks() {
    long n = 0;
    for (SimJob j : jobs) {
      n += j.tasks();
    }
    return n;
  }

  /** Offered work in task-nanoseconds. */
  public long totalWorkNanos() {
    long sum = 0;
    for (SimJob j : jobs) {
      for (long t : j.taskNanos()) {
        sum += t;
      }
    }
    return sum;
  }
}
