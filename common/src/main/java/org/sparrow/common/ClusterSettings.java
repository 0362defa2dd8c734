package org.sparrow.common;

import java.util.Map;
import java.util.TreeMap;

/**
 * Cluster-wide scheduling settings, stored in the membership plane so every scheduler and node
 * monitor uses the same ones. A job may override probe ratio and policy per request; a node
 * monitor started with {@code --queue-policy} keeps its own queue policy.
 *
 * @param probeRatio    d in "sample d·m node monitors for m tasks" (1 to {@value #MAX_PROBE_RATIO})
 * @param policy        placement policy name (see the scheduler's policy registry)
 * @param queuePolicy   node monitors' reservation queue policy (see the node monitor's
 *                      {@code QueuePolicies}); absent in older znodes, meaning {@value #DEFAULT_QUEUE_POLICY}
 * @param weights       weighted fair share weight per user name (1 to {@value #MAX_WEIGHT})
 * @param defaultWeight weight of users not in {@code weights}; 0 (absent) means {@value #DEFAULT_WEIGHT}
 */
public record ClusterSettings(double probeRatio, String policy, String queuePolicy,
    Map<String, Integer> weights, int defaultWeight) {

  public static final double DEFAULT_PROBE_RATIO = 2.0;
  public static final String DEFAULT_POLICY = "batch-late-binding";
  public static final String DEFAULT_QUEUE_POLICY = "fifo";
  public static final int DEFAULT_WEIGHT = 1;
  /** Weights are ratios; beyond this they only risk overflow in share arithmetic. */
  public static final int MAX_WEIGHT = 1_000_000;
  /** Beyond this, d·m reservations stop meaning anything but load on the node monitors. */
  public static final double MAX_PROBE_RATIO = 100.0;

  public static ClusterSettings defaults() {
    return new ClusterSettings(DEFAULT_PROBE_RATIO, DEFAULT_POLICY);
  }

  public ClusterSettings(double probeRatio, String policy) {
    this(probeRatio, policy, DEFAULT_QUEUE_POLICY, Map.of(), DEFAULT_WEIGHT);
  }

  public ClusterSettings {
    checkProbeRatio(probeRatio);
    if (policy == null || policy.isBlank()) {
      throw new IllegalArgumentException("policy must be named");
    }
    queuePolicy = queuePolicy == null || queuePolicy.isBlank() ? DEFAULT_QUEUE_POLICY : queuePolicy.trim();
    defaultWeight = defaultWeight == 0 ? DEFAULT_WEIGHT : checkWeight("default weight", defaultWeight);
    weights = weights == null ? Map.of() : Map.copyOf(new TreeMap<>(weights));
    weights.forEach((user, w) -> {
      if (user.isBlank()) {
        throw new IllegalArgumentException("a weight needs a user name");
      }
      checkWeight("weight of user '" + user + "'", w == null ? 0 : w);
    });
  }

  /** These settings with another queue policy and weights. */
  public ClusterSettings withQueue(String queuePolicy, Map<String, Integer> weights, int defaultWeight) {
    return new ClusterSettings(probeRatio, policy, queuePolicy, weights, defaultWeight);
  }

  /** These settings with another probe ratio and placement policy. */
  public ClusterSettings withPlacement(double probeRatio, String policy) {
    return new ClusterSettings(probeRatio, policy, queuePolicy, weights, defaultWeight);
  }

  /** @throws IllegalArgumentException unless 1 <= d <= {@value #MAX_PROBE_RATIO} */
  public static double checkProbeRatio(double probeRatio) {
    if (!(probeRatio >= 1.0 && probeRatio <= MAX_PROBE_RATIO)) {
      throw new IllegalArgumentException("probeRatio must be a number from 1 to " + (long) MAX_PROBE_RATIO
          + ", got " + probeRatio);
    }
    return probeRatio;
  }

  /** @throws IllegalArgumentException unless 1 <= weight <= {@value #MAX_WEIGHT} */
  public static int checkWeight(String what, int weight) {
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException(what + " must be a whole number from 1 to " + MAX_WEIGHT
          + ", got " + weight);
    }
    return weight;
  }
}
