package org.sparrow.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.junit.jupiter.api.Test;

class ZkClusterDirectoryErrorsTest {

  @Test
  void unreachableZooKeeperFailsStartWithTheAddressAndTheWait() throws Exception {
    String connect = "127.0.0.1:" + ZkTestSupport.unusedPort();
    ZkClusterDirectory dir = ZkClusterDirectory.builder()
        .connectString(connect).clusterName("c").sessionTimeoutMs(4_000).connectionTimeoutMs(300).build();

    assertThatThrownBy(dir::start)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("cannot reach ZooKeeper at " + connect + " within 300 ms");
    assertThat(dir.client().getState()).isEqualTo(CuratorFrameworkState.STOPPED); // cleaned up
    dir.close();
  }

  @Test
  void registeringWhileZooKeeperIsDownFailsWithinTheTimeout() {
    EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().build();
    zk.start();
    ZkClusterDirectory dir = ZkClusterDirectory.builder()
        .connectString(zk.connectString()).clusterName("down").sessionTimeoutMs(4_000).connectionTimeoutMs(500).build();
    try {
      dir.start();
      zk.close();
      assertThatThrownBy(() -> dir.register(ZkTestSupport.scheduler("10.0.0.1", 20503)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("could not create znode /sparrow/down/schedulers/10.0.0.1:20503 within 500 ms");
    } finally {
      dir.close(); // does not wait for the unreachable server
      zk.close();
    }
  }

  @Test
  void badClusterNamesAreRefusedWithTheName() {
    for (String bad : new String[] {"", "a/b", "has space", "x".repeat(65), "..", "ü"}) {
      assertThatThrownBy(() -> ZkClusterDirectory.builder().connectString("127.0.0.1:2181").clusterName(bad).build())
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cluster name '" + bad + "' is invalid");
    }
    assertThatThrownBy(() -> ZkClusterDirectory.builder().connectString("127.0.0.1:2181").clusterName(null).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cluster name null is invalid");
  }

  @Test
  void builderNeedsExactlyOneWayToReachZooKeeper() {
    assertThatThrownBy(() -> ZkClusterDirectory.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one of");
    CuratorFramework client = ZkClients.newClient("127.0.0.1:1");
    try {
      assertThatThrownBy(() -> ZkClusterDirectory.builder().connectString("127.0.0.1:1").client(client).build())
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one of");
      ZkClusterDirectory unstarted = ZkClusterDirectory.builder().client(client).build();
      assertThatThrownBy(unstarted::start)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("start it before");
    } finally {
      client.close();
    }
    assertThatThrownBy(() -> ZkClusterDirectory.builder().connectString(" ").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connect string is empty");
    assertThatThrownBy(() -> ZkClusterDirectory.builder().connectString("h:1").connectionTimeoutMs(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeouts must be positive");
  }

  @Test
  void usingADirectoryBeforeStartIsAnError() {
    ZkClusterDirectory dir = ZkClusterDirectory.builder().connectString("127.0.0.1:1").build();
    try {
      assertThatThrownBy(() -> dir.register(ZkTestSupport.scheduler("h", 1)))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("LATENT");
      assertThat(dir.clusterName()).isEqualTo("default");
      assertThat(dir.nodeMonitors().snapshot()).isEmpty();
    } finally {
      dir.close();
    }
  }
}
