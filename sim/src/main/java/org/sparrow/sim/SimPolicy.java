package org.sparrow.sim;

/** A way of scheduling a trace on a simulated cluster. */
public interface SimPolicy {

  /** What a run produced: each job's response time (index = job index) and the work done. */
  record Outcome(long[] responseNanos, long events) {}

  String name();

  /** With fifo node monitors and anonymous jobs. */
  default Outcome simulate(Trace trace, SimConfig config) {
    return simulate(trace, config, QueueSetup.DEFAULTS, TaskEndListener.NONE);
  }

  /**
   * @param queue the node monitors' queue policy, weights and the jobs' users (a policy without
   *              node monitors, such as omniscient, ignores the queue policy)
   * @param ends  hears every task end
   */
  Outcome simulate(Trace trace, SimConfig config, QueueSetup queue, TaskEndListener ends);
}
