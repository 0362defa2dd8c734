package org.sparrow.cli;

import java.io.IOException;
import org.sparrow.common.Closeables;
import org.sparrow.status.ClusterStatus;
import org.sparrow.status.DashboardServer;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * The web dashboard of one cluster, as {@code local}, {@code demo} and {@code dashboard} serve
 * it: its own ZooKeeper session (a reader, never registered), the sampling {@link ClusterStatus}
 * and the HTTP server. Closing stops all three, server first.
 */
public final class LiveDashboard implements AutoCloseable {

  private static final int PROBE_TIMEOUT_MS = 2_000;

  private final ZkClusterDirectory directory;
  private final ClusterStatus status;
  private final DashboardServer server;

  private LiveDashboard(ZkClusterDirectory directory, ClusterStatus status, DashboardServer server) {
    this.directory = directory;
    this.status = status;
    this.server = server;
  }

  /** Starts sampling {@code cluster} every {@code intervalMs} and serving it on {@code bindHost:port} (0 = any). */
  public static LiveDashboard start(String zookeeper, String cluster, String bindHost, int port, long intervalMs)
      throws IOException {
    ZkClusterDirectory directory = ZkClusterDirectory.builder().connectString(zookeeper).clusterName(cluster).build();
    ClusterStatus status = null;
    try {
      directory.start();
      status = ClusterStatus.builder().directory(directory).probesOverThrift(PROBE_TIMEOUT_MS)
          .intervalMs(intervalMs).build().start();
      DashboardServer server = DashboardServer.builder().status(status).bindHost(bindHost).port(port).build().start();
      return new LiveDashboard(directory, status, server);
    } catch (IOException | RuntimeException e) {
      Closeables.closeAll(status, directory);
      throw e;
    }
  }

  public String url() {
    return server.url();
  }

  public ClusterStatus status() {
    return status;
  }

  @Override
  public void close() {
    Closeables.closeAll(server, status, directory);
  }
}
