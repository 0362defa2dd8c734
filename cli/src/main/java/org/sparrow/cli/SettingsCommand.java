package org.sparrow.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.sparrow.common.ClusterSettings;
import org.sparrow.nodemonitor.queue.QueuePolicies;
import org.sparrow.scheduler.placement.PlacementPolicies;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "settings", mixinStandardHelpOptions = true,
    description = "Show or change the cluster-wide settings stored in ZooKeeper (every scheduler and "
        + "node monitor follows them; node monitors apply queue changes live).")
final class SettingsCommand implements Callable<Integer> {

  @Mixin
  ClusterOptions cluster;

  @Mixin
  OutputOptions output;

  @Spec
  CommandSpec spec;

  @Option(names = "--probe-ratio", description = "Set d: node monitors sampled per task.")
  Double probeRatio;

  @Option(names = "--policy", description = "Set the default placement policy.")
  String policy;

  @Option(names = "--queue-policy",
      description = "Set the node monitors' queue policy: fifo, priority, weighted-fair or priority-weighted-fair.")
  String queuePolicy;

  @Option(names = "--weight", paramLabel = "USER=WEIGHT",
      description = "A user's weighted fair share weight, a whole number >= 1 (repeatable). "
          + "Giving any --weight replaces the whole weight table.")
  Map<String, String> weights;

  @Option(names = "--default-weight", paramLabel = "WEIGHT",
      description = "Weight of users without a --weight (default 1).")
  Integer defaultWeight;

  @Override
  public Integer call() {
    Logging.quiet();
    boolean json = output.isJson();
    if (probeRatio != null && !(probeRatio > 0)) {
      throw new IllegalArgumentException("--probe-ratio must be positive, got " + probeRatio);
    }
    if (policy != null) {
      PlacementPolicies.defaults().get(policy);  // an unknown name fails here, listing the valid ones
    }
    if (queuePolicy != null) {
      QueuePolicies.defaults().get(queuePolicy);
    }
    Map<String, Integer> parsedWeights = weights == null ? null : parseWeights(weights);
    try (ZkClusterDirectory directory = cluster.directory()) {
      ClusterSettings current = directory.settings();
      boolean placement = probeRatio != null || policy != null;
      boolean queue = queuePolicy != null || parsedWeights != null || defaultWeight != null;
      if (placement) {
        current = current.withPlacement(probeRatio != null ? probeRatio : current.probeRatio(),
            policy != null ? policy : current.policy());
      }
      if (queue) {
        current = current.withQueue(queuePolicy != null ? queuePolicy : current.queuePolicy(),
            parsedWeights != null ? parsedWeights : current.weights(),
            defaultWeight != null ? ClusterSettings.checkWeight("--default-weight", defaultWeight)
                : current.defaultWeight());
      }
      if (placement || queue) {
        directory.writeSettings(current);
      }
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", cluster.cluster);
        m.put("probeRatio", current.probeRatio());
        m.put("policy", current.policy());
        m.put("queuePolicy", current.queuePolicy());
        m.put("weights", new TreeMap<>(current.weights()));
        m.put("defaultWeight", current.defaultWeight());
        spec.commandLine().getOut().print(Json.write(m));
      } else {
        spec.commandLine().getOut().printf(
            "cluster '%s': probeRatio=%s policy=%s queuePolicy=%s weights=%s defaultWeight=%d%n",
            cluster.cluster, current.probeRatio(), current.policy(), current.queuePolicy(),
            new TreeMap<>(current.weights()), current.defaultWeight());
      }
      spec.commandLine().getOut().flush();
    }
    return 0;
  }

  /** USER=WEIGHT pairs; a weight that is not a whole number from 1 up is an error naming it. */
  static Map<String, Integer> parseWeights(Map<String, String> raw) {
    Map<String, Integer> out = new LinkedHashMap<>();
    raw.forEach((user, w) -> {
      int weight;
      try {
        weight = Integer.parseInt(w.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("--weight " + user + "=" + w
            + ": the weight must be a whole number from 1 to " + ClusterSettings.MAX_WEIGHT);
      }
      out.put(user.trim(), ClusterSettings.checkWeight("--weight " + user, weight));
    });
    return out;
  }
}
