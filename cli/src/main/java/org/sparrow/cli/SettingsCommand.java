package org.sparrow.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.sparrow.common.ClusterSettings;
import org.sparrow.scheduler.placement.PlacementPolicies;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "settings", mixinStandardHelpOptions = true,
    description = "Show or change the cluster-wide settings stored in ZooKeeper (every scheduler follows them).")
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
    try (ZkClusterDirectory directory = cluster.directory()) {
      ClusterSettings current = directory.settings();
      if (probeRatio != null || policy != null) {
        current = new ClusterSettings(probeRatio != null ? probeRatio : current.probeRatio(),
            policy != null ? policy : current.policy());
        directory.writeSettings(current);
      }
      if (json) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", cluster.cluster);
        m.put("probeRatio", current.probeRatio());
        m.put("policy", current.policy());
        spec.commandLine().getOut().print(Json.write(m));
      } else {
        spec.commandLine().getOut().printf("cluster '%s': probeRatio=%s policy=%s%n", cluster.cluster,
            current.probeRatio(), current.policy());
      }
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
