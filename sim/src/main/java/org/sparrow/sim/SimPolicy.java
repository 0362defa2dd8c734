package org.sparrow.sim;

/** A way of scheduling a trace on a simulated cluster. */
public interface SimPolicy {

  /** What a run produced: each job's response time (index = job index) and the work done. */
  record Outcome(long[] responseNanos, long events) {}

  String name();

  Outcome simulate(Trace trace, SimConfig config);
}
