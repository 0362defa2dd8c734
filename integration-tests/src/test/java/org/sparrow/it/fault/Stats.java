package org.sparrow.it.fault;

import java.util.ArrayList;
import java.util.List;

/** Latency of a set of jobs, in ms. */
record Stats(int jobs, double p50, double p99, double max) {

  static Stats of(List<Double> latencies) {
    if (latencies.isEmpty()) {
      return new Stats(0, 0, 0, 0);
    }
    List<Double> s = new ArrayList<>(latencies);
    s.sort(null);
    return new Stats(s.size(), s.get((int) (0.5 * (s.size() - 1))),
        s.get((int) Math.ceil(0.99 * (s.size() - 1))), s.get(s.size() - 1));
  }

  @Override
  public String toString() {
    return String.format("%d jobs: p50 %.0f, p99 %.0f, max %.0f", jobs, p50, p99, max);
  }
}
