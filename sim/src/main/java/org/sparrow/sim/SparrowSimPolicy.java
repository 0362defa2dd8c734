package org.sparrow.sim;

import org.sparrow.common.UserShares;
import org.sparrow.scheduler.placement.PlacementPolicies;

/**
 * A scheduler placement policy run on a simulated cluster of real schedulers and node monitors.
 *
 * @param name            what the simulator calls it
 * @param schedulerPolicy the placement policy jobs request (a name in the scheduler's registry)
 * @param cancellation    whether proactive cancellations are delivered
 */
record SparrowSimPolicy(String name, String schedulerPolicy, boolean cancellation) implements SimPolicy {

  @Override
  public Outcome simulate(Trace trace, SimConfig config, QueueSetup queue, TaskEndListener ends) {
    UserShares users = queue.users();
    return new ClusterSimulation(config, schedulerPolicy, cancellation, PlacementPolicies.defaults(),
        queue.queuePolicy(), queue.weights(), job -> {
          UserShares.User u = users.userOf(job.index());
          return u == null ? null : u.info();
        })
        .onTaskEnd(ends)
        .run(trace);
  }
}
