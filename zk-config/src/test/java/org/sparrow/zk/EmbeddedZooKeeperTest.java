package org.sparrow.zk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedZooKeeperTest {

  @Test
  void servesOnAnEphemeralPortAndFreesItOnClose() throws Exception {
    EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().build();
    zk.start();
    int port = zk.port();
    Path dataDir = zk.dataDir();
    assertThat(port).isPositive();
    assertThat(zk.connectString()).isEqualTo("127.0.0.1:" + port);

    try (CuratorFramework client = ZkClients.newClient(zk.connectString(), 5_000, 5_000)) {
      client.start();
      ZkClients.awaitConnected(client, 5_000);
      client.create().forPath("/hello", "world".getBytes(UTF_8));
      assertThat(new String(client.getData().forPath("/hello"), UTF_8)).isEqualTo("world");
    }

    zk.close();
    zk.close(); // idempotent
    try (ServerSocket again = new ServerSocket(port, 50, InetAddress.getByName("127.0.0.1"))) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    assertThat(dataDir).doesNotExist(); // temporary data directory removed
  }

  @Test
  void aGivenDataDirKeepsDataAcrossRestarts(@TempDir Path dir) throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().dataDir(dir).tickTimeMs(500).build()) {
      zk.start();
      try (CuratorFramework client = ZkClients.newClient(zk.connectString(), 5_000, 5_000)) {
        client.start();
        client.create().forPath("/kept", "1".getBytes(UTF_8));
      }
    }
    assertThat(Files.list(dir)).isNotEmpty();
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().dataDir(dir).build()) {
      zk.start();
      try (CuratorFramework client = ZkClients.newClient(zk.connectString(), 5_000, 5_000)) {
        client.start();
        assertThat(new String(client.getData().forPath("/kept"), UTF_8)).isEqualTo("1");
      }
    }
  }

  @Test
  void aTakenPortIsAClearError() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
      EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().port(taken.getLocalPort()).build();
      assertThatThrownBy(zk::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("cannot start embedded ZooKeeper on 127.0.0.1:" + taken.getLocalPort());
      zk.close();
    }
  }
}
