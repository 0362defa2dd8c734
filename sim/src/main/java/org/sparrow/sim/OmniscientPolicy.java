package org.sparrow.sim;

/** {@link Omniscient} as a simulator policy. */
final class OmniscientPolicy implements SimPolicy {

  @Override
  public String name() {
    return Omniscient.NAME;
  }

  @Override
  public Outcome simulate(Trace trace, SimConfig config) {
    return new Outcome(Omniscient.responseNanos(trace, config.totalSlots()), trace.totalTasks());
  }
}
