package org.sparrow.common;

/**
 * Which of several arrival shares a job belongs to, from its index alone: the same job index
 * falls to the same user in {@code bench --users} and the simulator's {@code --users}, run after
 * run, without a shared random source.
 */
public final class ShareDraw {

  private ShareDraw() {}

  /**
   * @param cumulative the shares' running sums, normalised so the last is 1
   * @return the index of job {@code index}'s share
   */
  public static int pick(long index, double[] cumulative) {
    long z = index * 0x9E3779B97F4A7C15L;  // SplitMix64's finaliser: a fixed, well-spread hash
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    z ^= z >>> 31;
    double u = (z >>> 11) * 0x1.0p-53;
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return i;
      }
    }
    return cumulative.length - 1;
  }
}
