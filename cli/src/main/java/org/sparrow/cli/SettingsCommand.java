package org.sparrow.cli;

import java.util.concurrent.Callable;
import org.sparrow.common.ClusterSettings;
import org.sparrow.scheduler.placement.PlacementPolicies;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "settings", mixinStandardHelpOptions = true,
    description = "Show or change the cluster-wide settings stored in ZooKeeper (every scheduler follows them).")
final class SettingsCommand implements Callable<Integer> {

  @Mixin
  ClusterOptions cluster;

  @Option(names = "--probe-ratio", description = "Set d: node monitors sampled per task.")
  Double probeRatio;

  @Option(names = "--policy", description = "Set the default placement policy.")
  String policy;

  @Override
  public Integer call() {
    Logging.quiet();
    try (ZkClusterDirectory directory = cluster.directory()) {
      ClusterSettings current = directory.settings();
      if (policy != null) {
        PlacementPolicies.defaults().get(policy);  // an unknown name fails here, listing the valid ones
      }
      if (probeRatio != null || policy != null) {
        current = new ClusterSettings(probeRatio != null ? probeRatio : current.probeRatio(),
            policy != null ? policy : current.policy());
        directory.writeSettings(current);
      }
      System.out.printf("cluster '%s': probeRatio=%s policy=%s%n", cluster.cluster, current.probeRatio(),
          current.policy());
    }
    return 0;
  }
}
