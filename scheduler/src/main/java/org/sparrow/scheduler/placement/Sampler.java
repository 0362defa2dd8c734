package org.sparrow.scheduler.placement;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/** Stage 2 of placement: a uniform sample of distinct candidates, reproducible for a seed. */
public final class Sampler {

  private Sampler() {}

  /** {@code k} distinct elements of {@code from} (all of them, shuffled, if k >= size). */
  public static <T> List<T> sample(List<T> from, int k, Random random) {
    int n = from.size();
    int want = Math.max(0, Math.min(k, n));
    List<T> out = new ArrayList<>(want);
    if (want * 4 < n) {
      // Few out of many: rejection sampling costs O(k), not O(n).
      Set<Integer> seen = new HashSet<>();
      while (out.size() < want) {
        int i = random.nextInt(n);
        if (seen.add(i)) {
          out.add(from.get(i));
        }
      }
      return out;
    }
    int[] idx = new int[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    for (int i = 0; i < want; i++) {
      int j = i + random.nextInt(n - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
      out.add(from.get(idx[i]));
    }
    return out;
  }

  /** ceil(d·m), robust against floating error (1.1 · 10 must be 11, not 12). */
  public static int probes(double probeRatio, int tasks) {
    return (int) Math.min(Integer.MAX_VALUE, Math.ceil(probeRatio * tasks - 1e-9));
  }
}
