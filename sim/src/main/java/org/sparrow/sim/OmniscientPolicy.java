package org.sparrow.sim;

/** {@link Omniscient} as a simulator policy: one central FIFO queue, whatever the node monitors' policy. */
final class OmniscientPolicy implements SimPolicy {

  @Override
  public String name() {
    return Omniscient.NAME;
  }

  @Override
  public Outcome simulate(Trace trace, SimConfig config, QueueSetup queue, TaskEndListener ends) {
    return new Outcome(Omniscient.responseNanos(trace, config.totalSlots(), ends), trace.totalTasks());
  }
}
