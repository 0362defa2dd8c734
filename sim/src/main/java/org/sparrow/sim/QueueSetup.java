package org.sparrow.sim;

import java.util.Map;
import org.sparrow.common.UserShares;
import org.sparrow.nodemonitor.queue.QueueConfig;
import org.sparrow.nodemonitor.queue.QueuePolicies;

/**
 * The node monitors' side of a simulated point: every node monitor's queue policy (as its
 * {@code --queue-policy}), the weights (as the cluster settings' {@code --weight}) and who the
 * jobs run for. Validated on construction against the node monitors' own {@link QueuePolicies},
 * so an unknown name fails with the list of valid ones before anything is simulated.
 *
 * @param queuePolicy a name in {@link QueuePolicies#defaults()}
 * @param weights     weight per user and default weight
 * @param users       job users and priorities
 */
public record QueueSetup(String queuePolicy, QueueConfig weights, UserShares users) {

  /** fifo, no weights, anonymous jobs: what the simulator did before queue policies. */
  public static final QueueSetup DEFAULTS = new QueueSetup(QueuePolicies.DEFAULT, QueueConfig.DEFAULTS, UserShares.NONE);

  public QueueSetup {
    queuePolicy = QueuePolicies.defaults().get(queuePolicy).name();
    weights = weights == null ? QueueConfig.DEFAULTS : weights;
    users = users == null ? UserShares.NONE : users;
  }

  /** {@code name} with these weights and users. */
  public static QueueSetup of(String queuePolicy, Map<String, Integer> weights, int defaultWeight, UserShares users) {
    return new QueueSetup(queuePolicy, new QueueConfig(weights, defaultWeight), users);
  }

  public QueueSetup withPolicy(String name) {
    return new QueueSetup(name, weights, users);
  }
}
