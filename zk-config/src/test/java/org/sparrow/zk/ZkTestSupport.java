package org.sparrow.zk;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;

final class ZkTestSupport {

  private static final AtomicInteger CLUSTERS = new AtomicInteger();

  private ZkTestSupport() {}

  /** A cluster name no other test uses, so tests sharing one server stay independent. */
  static String uniqueCluster(String prefix) {
    return prefix + "-" + CLUSTERS.incrementAndGet();
  }

  static NodeMonitorInfo nodeMonitor(String host, int port) {
    return new NodeMonitorInfo(host + ":" + port, host, port, port - 1, 4,
        Map.of("rack", "r1"), Set.of("app"), false);
  }

  static SchedulerInfo scheduler(String host, int port) {
    return new SchedulerInfo(host + ":" + port, host, port, port + 4);
  }

  /**
   * Really expires the client's session on the server (its ephemeral znodes are deleted): a second
   * handle joins the same session and closes it. The client finds out when it reconnects.
   */
  static void expireSession(CuratorFramework client, String connectString) throws Exception {
    ZooKeeper zk = client.getZookeeperClient().getZooKeeper();
    CountDownLatch connected = new CountDownLatch(1);
    ZooKeeper twin = new ZooKeeper(connectString, 10_000, event -> {
      if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
        connected.countDown();
      }
    }, zk.getSessionId(), zk.getSessionPasswd());
    try {
      assertThat(connected.await(10, TimeUnit.SECONDS)).as("twin handle connected").isTrue();
    } finally {
      twin.close();
    }
  }

  /** A port nothing listens on right now. */
  static int unusedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
