package org.sparrow.cli;

import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.sparrow.client.SparrowClient;
import org.sparrow.zk.ZkClients;
import org.sparrow.zk.ZkClusterDirectory;
import org.sparrow.zk.ZkPaths;
import picocli.CommandLine.Option;

/**
 * How client-side commands find the cluster: ZooKeeper, or explicit scheduler addresses. The
 * defaults of --zk and --cluster come from SPARROW_ZK and SPARROW_CLUSTER (see {@link
 * EnvironmentDefaults}).
 */
final class ClusterOptions {

  @Option(names = "--zk", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:2181",
      description = "ZooKeeper connect string (default: ${DEFAULT-VALUE}; env SPARROW_ZK).")
  String zk;

  @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "default",
      description = "Cluster name in ZooKeeper (default: ${DEFAULT-VALUE}; env SPARROW_CLUSTER).")
  String cluster;

  @Option(names = "--scheduler", paramLabel = "HOST:PORT",
      description = "Talk to this scheduler instead of discovering schedulers in ZooKeeper (repeatable).")
  List<String> schedulers = List.of();

  @Option(names = "--zk-timeout-ms", paramLabel = "MS", defaultValue = "5000",
      description = "How long to wait for ZooKeeper before giving up (default: ${DEFAULT-VALUE}).")
  int zkTimeoutMs;

  SparrowClient.Builder clientBuilder() {
    SparrowClient.Builder b = SparrowClient.builder();
    if (schedulers.isEmpty()) {
      // The client would create the cluster's znodes: a misspelled name must fail, not appear.
      requireClusterExists();
      b.zookeeper(zk).cluster(cluster);
    } else {
      schedulers.forEach(b::scheduler);
    }
    return b;
  }

  /**
   * For commands that read ZooKeeper itself: --scheduler cannot stand in for it. Fails with one
   * line when ZooKeeper cannot be reached or holds no cluster of that name (starting a directory
   * would otherwise create it, and report an empty cluster).
   */
  ZkClusterDirectory directory() {
    if (!schedulers.isEmpty()) {
      throw new IllegalArgumentException("this command reads the membership from ZooKeeper: give --zk"
          + " (and --cluster), not --scheduler");
    }
    requireClusterExists();
    ZkClusterDirectory d = ZkClusterDirectory.builder().connectString(zk).clusterName(cluster)
        .connectionTimeoutMs(zkTimeoutMs).build();
    d.start();
    return d;
  }

  /** Checks that /sparrow/CLUSTER exists; the error lists the clusters that do. */
  void requireClusterExists() {
    if (zkTimeoutMs <= 0) {
      throw new IllegalArgumentException("--zk-timeout-ms must be positive, got " + zkTimeoutMs);
    }
    ZkPaths paths = new ZkPaths(cluster);
    CuratorFramework client = ZkClients.newClient(zk, ZkClients.DEFAULT_SESSION_TIMEOUT_MS, zkTimeoutMs);
    try {
      client.start();
      try {
        ZkClients.awaitConnected(client, zkTimeoutMs);
      } catch (IllegalStateException e) {
        throw new IllegalStateException(e.getMessage() + " (is it running? set --zk or SPARROW_ZK)", e);
      }
      if (client.checkExists().forPath(paths.clusterPath()) == null) {
        List<String> known = client.checkExists().forPath(ZkPaths.ROOT) == null
            ? List.of() : client.getChildren().forPath(ZkPaths.ROOT);
        throw new IllegalArgumentException("cluster '" + cluster + "' does not exist in ZooKeeper at " + zk
            + (known.isEmpty() ? " (no Sparrow cluster is registered there)"
                : " (clusters there: " + String.join(", ", known.stream().sorted().toList()) + ")")
            + "; set --cluster or SPARROW_CLUSTER");
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read cluster '" + cluster + "' from ZooKeeper at " + zk + ": " + e, e);
    } finally {
      client.close();
    }
  }
}
