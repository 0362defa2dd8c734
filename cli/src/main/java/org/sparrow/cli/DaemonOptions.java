package org.sparrow.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.Option;

/** Options every daemon shares: where the membership plane is and how the daemon is reached. */
final class DaemonOptions {

  @Option(names = "--zk", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:2181",
      description = "ZooKeeper connect string (default: ${DEFAULT-VALUE}; env SPARROW_ZK).")
  String zk;

  @Option(names = "--cluster", paramLabel = "NAME", defaultValue = "default",
      description = "Cluster name (default: ${DEFAULT-VALUE}; env SPARROW_CLUSTER).")
  String cluster;

  @Option(names = "--bind", paramLabel = "HOST",
      description = "Address to listen on (default: the announced --host address only; "
          + "0.0.0.0 listens on every interface).")
  String bind;

  @Option(names = "--host", paramLabel = "HOST",
      description = "Address to announce to peers (default: this host's address, or the bind address if specific).")
  String host;

  /** Where the daemon listens: --bind if given, else only the address it announces. */
  String bindHost() {
    return bind != null ? bind : advertisedHost();
  }
  @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "-1",
      description = "Serve Prometheus /metrics on this HTTP port, 0 = any free one (announced in ZooKeeper),"
          + " -1 = none (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  String advertisedHost() {
    if (host != null) {
      return host;
    }
    if (bind != null && !bind.equals("0.0.0.0") && !bind.equals("::")) {
      return bind;
    }
    try {
      return InetAddress.getLocalHost().getHostAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot determine this host's address; pass --host", e);
    }
  }
}
