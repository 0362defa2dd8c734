package org.sparrow.nodemonitor.queue;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a queue policy is configured with: the operator's weight per user (weighted fair share)
 * and the weight of every user not listed. Validated on construction; the message names the
 * bad entry.
 *
 * @param weights       weight per user name (each 1..{@value #MAX_WEIGHT})
 * @param defaultWeight weight of a user without an entry in {@code weights}
 */
public record QueueConfig(Map<String, Integer> weights, int defaultWeight) {

  public static final int DEFAULT_WEIGHT = 1;
  /** Weights are ratios; beyond this they only risk overflow in share arithmetic. */
  public static final int MAX_WEIGHT = 1_000_000;

  public static final QueueConfig DEFAULTS = new QueueConfig(Map.of(), DEFAULT_WEIGHT);

  public QueueConfig {
    weights = weights == null ? Map.of() : Map.copyOf(new TreeMap<>(weights));
    checkWeight("default weight", defaultWeight);
    for (Map.Entry<String, Integer> e : weights.entrySet()) {
      if (e.getKey().isBlank()) {
        throw new IllegalArgumentException("a weight needs a user name, got '" + e.getKey() + "'");
      }
      checkWeight("weight of user '" + e.getKey() + "'", e.getValue() == null ? 0 : e.getValue());
    }
  }

  /** The weight of {@code user}. */
  public int weightOf(String user) {
    Integer w = weights.get(user);
    return w != null ? w : defaultWeight;
  }

  private static void checkWeight(String what, int weight) {
    if (weight < 1 || weight > MAX_WEIGHT) {
      throw new IllegalArgumentException(what + " must be a whole number from 1 to " + MAX_WEIGHT
          + ", got " + weight);
    }
  }
}
