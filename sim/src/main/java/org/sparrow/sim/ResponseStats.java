package org.sparrow.sim;

import java.util.Arrays;

/**
 * Summary of job response times (nanoseconds). Percentiles are nearest-rank on the exact
 * values: the smallest value with at least p% of the values at or below it.
 */
public record ResponseStats(int count, long p50, long p95, long p99, long max, double mean) {

  public static ResponseStats of(long[] values) {
    if (values.length == 0) {
      return new ResponseStats(0, 0, 0, 0, 0, Double.NaN);
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long v : sorted) {
      sum += v;
    }
    return new ResponseStats(sorted.length, percentile(sorted, 50), percentile(sorted, 95),
        percentile(sorted, 99), sorted[sorted.length - 1], sum / sorted.length);
  }

  /** Nearest-rank percentile of sorted values. */
  public static long percentile(long[] sorted, double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  public double p50Millis() {
    return p50 / 1e6;
  }

  public double p95Millis() {
    return p95 / 1e6;
  }

  public double p99Millis() {
    return p99 / 1e6;
  }

  public double meanMillis() {
    return mean / 1e6;
  }
}
