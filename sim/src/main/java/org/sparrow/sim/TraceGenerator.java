package org.sparrow.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Turns a {@link WorkloadSpec} into a {@link Trace}; deterministic for the spec's seed. */
public final class TraceGenerator {

  private TraceGenerator() {}

  public static Trace generate(WorkloadSpec spec) {
    // Separate streams, so that changing the duration shape keeps the same arrival times.
    Random arrivals = new Random(spec.seed());
    Random durations = new Random(spec.seed() * 0x9E3779B97F4A7C15L + 1);
    double meanGapNanos = 1e9 / spec.jobsPerSecond();
    List<SimJob> jobs = new ArrayList<>(spec.jobs());
    double t = 0;
    for (int i = 0; i < spec.jobs(); i++) {
      t += -Math.log(1.0 - arrivals.nextDouble()) * meanGapNanos;
      long[] tasks = new long[spec.tasksPerJob()];
      long jobDraw = spec.distribution().sample(durations, spec.meanTaskNanos());
      for (int k = 0; k < tasks.length; k++) {
        tasks[k] = spec.perTaskDraws() ? spec.distribution().sample(durations, spec.meanTaskNanos()) : jobDraw;
      }
      jobs.add(new SimJob(i, Math.round(t), tasks));
    }
    return new Trace(jobs);
  }
}
