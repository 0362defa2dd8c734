package org.sparrow.yarn.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.sparrow.common.ClusterSettings;
import org.sparrow.nodemonitor.queue.QueuePolicies;

/**
 * The node monitors' queue policy and user weights a YARN submit writes into the cluster
 * settings in ZooKeeper (the same ones {@code sparrow settings --queue-policy --weight} writes),
 * so a cluster started on YARN queues by them from its first reservation. Validated on
 * construction; errors name the key and the valid choices.
 *
 * @param queuePolicy   null: leave the cluster's setting as it is
 * @param weights       null: leave the cluster's weights as they are
 * @param defaultWeight null: leave as it is
 */
public record QueueSettings(String queuePolicy, Map<String, Integer> weights, Integer defaultWeight) {

  public static final String QUEUE_POLICY = "sparrow.queue-policy";
  /** {@code alice=3,bob=1}. */
  public static final String WEIGHTS = "sparrow.weights";
  public static final String DEFAULT_WEIGHT = "sparrow.default-weight";

  public QueueSettings {
    if (queuePolicy != null) {
      try {
        QueuePolicies.defaults().get(queuePolicy);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(QUEUE_POLICY + ": " + e.getMessage(), e);
      }
    }
    if (weights != null) {
      weights = Map.copyOf(weights);
      weights.forEach((u, w) -> ClusterSettings.checkWeight(WEIGHTS + " " + u, w));
    }
    if (defaultWeight != null) {
      ClusterSettings.checkWeight(DEFAULT_WEIGHT, defaultWeight);
    }
  }

  public static QueueSettings fromProperties(Properties p) {
    String policy = blankToNull(p.getProperty(QUEUE_POLICY));
    String rawWeights = blankToNull(p.getProperty(WEIGHTS));
    Map<String, Integer> weights = null;
    if (rawWeights != null) {
      weights = new LinkedHashMap<>();
      for (String pair : rawWeights.split(",")) {
        String[] kv = pair.split("=");
        if (kv.length != 2 || kv[0].isBlank()) {
          throw new IllegalArgumentException(WEIGHTS + " takes USER=WEIGHT pairs separated by commas, "
              + "e.g. alice=3,bob=1; got '" + pair.strip() + "'");
        }
        weights.put(kv[0].strip(), parse(WEIGHTS + " " + kv[0].strip(), kv[1]));
      }
    }
    String rawDefault = blankToNull(p.getProperty(DEFAULT_WEIGHT));
    return new QueueSettings(policy, weights, rawDefault == null ? null : parse(DEFAULT_WEIGHT, rawDefault));
  }

  public boolean isEmpty() {
    return queuePolicy == null && weights == null && defaultWeight == null;
  }

  /** {@code current} with these settings applied. */
  public ClusterSettings applyTo(ClusterSettings current) {
    return current.withQueue(queuePolicy != null ? queuePolicy : current.queuePolicy(),
        weights != null ? weights : current.weights(),
        defaultWeight != null ? defaultWeight : current.defaultWeight());
  }

  private static int parse(String key, String value) {
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number from 1 to " + ClusterSettings.MAX_WEIGHT
          + ", got '" + value.strip() + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
