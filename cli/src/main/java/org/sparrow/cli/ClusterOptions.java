package org.sparrow.cli;

import java.util.List;
import org.sparrow.client.SparrowClient;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine.Option;

/** How client-side commands find the cluster: ZooKeeper, or explicit scheduler addresses. */
final class ClusterOptions {

  @Option(names = "--zk", paramLabel = "HOST:PORT",
      description = "ZooKeeper connect string (default: ${DEFAULT-VALUE}).", defaultValue = "127.0.0.1:2181")
  String zk;

  @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "default",
      description = "Cluster name in ZooKeeper (default: ${DEFAULT-VALUE}).")
  String cluster;

  @Option(names = "--scheduler", paramLabel = "HOST:PORT",
      description = "Submit to this scheduler instead of discovering schedulers in ZooKeeper (repeatable).")
  List<String> schedulers = List.of();

  SparrowClient.Builder clientBuilder() {
    SparrowClient.Builder b = SparrowClient.builder();
    if (schedulers.isEmpty()) {
      b.zookeeper(zk).cluster(cluster);
    } else {
      schedulers.forEach(b::scheduler);
    }
    return b;
  }

  /** For commands that read ZooKeeper itself: --scheduler cannot stand in for it. */
  ZkClusterDirectory directory() {
    if (!schedulers.isEmpty()) {
      throw new IllegalArgumentException("this command reads the membership from ZooKeeper: give --zk"
          + " (and --cluster), not --scheduler");
    }
    ZkClusterDirectory d = ZkClusterDirectory.builder().connectString(zk).clusterName(cluster).build();
    d.start();
    return d;
  }
}
