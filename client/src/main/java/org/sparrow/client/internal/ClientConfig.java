package org.sparrow.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.sparrow.client.FrontendMessageListener;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.HostPort;

/**
 * A {@link org.sparrow.client.SparrowClient}'s whole configuration, validated at once: what its
 * builder collected. The meaning of each value is on the builder's setter of the same name.
 *
 * @param directory an already started membership view (tests), or null
 */
public record ClientConfig(String zookeeper, String cluster, ClusterDirectory directory,
    List<HostPort> schedulers, String app, String callbackHost, int callbackPort, Duration timeout,
    Duration rpcTimeout, Duration submitTimeout, FrontendMessageListener messageListener,
    int submitThreads, int maxResubmits, Duration statusCheckInterval, Duration lease) {

  /** @throws IllegalArgumentException listing every problem, not only the first */
  public ClientConfig {
    schedulers = List.copyOf(schedulers);
    List<String> problems = new ArrayList<>();
    if (zookeeper == null && directory == null && schedulers.isEmpty()) {
      problems.add("give a ZooKeeper connect string or at least one scheduler address");
    }
    if (app == null || app.isBlank()) {
      problems.add("app name is empty");
    }
    positive("timeout", timeout, problems);
    positive("rpcTimeout", rpcTimeout, problems);
    positive("submitTimeout", submitTimeout, problems);
    if (submitThreads < 1 || maxResubmits < 0) {
      problems.add("submitThreads must be positive and maxResubmits not negative");
    }
    positive("statusCheckInterval", statusCheckInterval, problems);
    positive("lease", lease, problems);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  private static void positive(String name, Duration d, List<String> problems) {
    if (d == null || d.isNegative() || d.isZero()) {
      problems.add(name + " must be positive");
    }
  }
}
