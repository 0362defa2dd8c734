package org.sparrow.sim;

/**
 * One user's figures at one simulated point, in {@code bench --json}'s terms.
 *
 * @param offeredTasksPerSecond  tasks of the user's measured jobs over the measurement window
 * @param achievedTasksPerSecond the user's tasks that ended inside the window, over its length
 * @param response               response times of the user's measured jobs
 * @param completedPer100ms      the user's task ends per 100 ms from the start of the trace
 */
public record UserFigures(double offeredTasksPerSecond, double achievedTasksPerSecond, ResponseStats response,
    long[] completedPer100ms) {

  public UserFigures {
    completedPer100ms = completedPer100ms.clone();
  }
}
