package org.sparrow.common;

/**
 * Cluster-wide scheduling settings, stored in the membership plane so every scheduler uses the
 * same ones. A job may override probe ratio and policy per request.
 *
 * @param probeRatio d in "sample d·m node monitors for m tasks" (1 to {@value #MAX_PROBE_RATIO})
 * @param policy     placement policy name (see the scheduler's policy registry)
 */
public record ClusterSettings(double probeRatio, String policy) {

  public static final double DEFAULT_PROBE_RATIO = 2.0;
  public static final String DEFAULT_POLICY = "batch-late-binding";
  /** Beyond this, d·m reservations stop meaning anything but load on the node monitors. */
  public static final double MAX_PROBE_RATIO = 100.0;

  public static ClusterSettings defaults() {
    return new ClusterSettings(DEFAULT_PROBE_RATIO, DEFAULT_POLICY);
  }

  public ClusterSettings {
    checkProbeRatio(probeRatio);
    if (policy == null || policy.isBlank()) {
      throw new IllegalArgumentException("policy must be named");
    }
  }

  /** @throws IllegalArgumentException unless 1 <= d <= {@value #MAX_PROBE_RATIO} */
  public static double checkProbeRatio(double probeRatio) {
    if (!(probeRatio >= 1.0 && probeRatio <= MAX_PROBE_RATIO)) {
      throw new IllegalArgumentException("probeRatio must be a number from 1 to " + (long) MAX_PROBE_RATIO
          + ", got " + probeRatio);
    }
    return probeRatio;
  }
}
