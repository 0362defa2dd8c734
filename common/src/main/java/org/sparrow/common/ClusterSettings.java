package org.sparrow.common;

/**
 * Cluster-wide scheduling settings, stored in the membership plane so every scheduler uses the
 * same ones. A job may override probe ratio and policy per request.
 *
 * @param probeRatio d in "sample d·m node monitors for m tasks" (>= 1)
 * @param policy     placement policy name (see the scheduler's policy registry)
 */
public record ClusterSettings(double probeRatio, String policy) {

  public static final double DEFAULT_PROBE_RATIO = 2.0;
  public static final String DEFAULT_POLICY = "batch-late-binding";

  public static ClusterSettings defaults() {
    return new ClusterSettings(DEFAULT_PROBE_RATIO, DEFAULT_POLICY);
  }

  public ClusterSettings {
    if (!(probeRatio >= 1.0) || Double.isInfinite(probeRatio)) {
      throw new IllegalArgumentException("probeRatio must be a number >= 1, got " + probeRatio);
    }
    if (policy == null || policy.isBlank()) {
      throw new IllegalArgumentException("policy must be named");
    }
  }
}
