package org.sparrow.am.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparrow.am.AmSettings;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.ContainerShape;
import org.sparrow.am.DaemonIds;
import org.sparrow.am.Role;
import org.sparrow.common.Clock;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.Registration;
import org.sparrow.zk.ZkClusterDirectory;
import org.sparrow.zk.ZkPaths;

/** The drain contract against a real ZooKeeper, with a stand-in daemon that follows it (or not). */
class ZkDrainerTest {

  private static final Duration PATIENCE = Duration.ofSeconds(30);

  private TestingServer zk;
  private CuratorFramework curator;
  private ZkClusterDirectory directory;
  private ZkDrainer drainer;
  private final Map<String, String> drained = new ConcurrentHashMap<>();

  @BeforeEach
  void setUp() throws Exception {
    zk = new TestingServer(true);
    curator = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    curator.start();
    directory = ZkClusterDirectory.builder().client(curator).clusterName("dr").build();
    directory.start();
    drainer = new ZkDrainer(curator, "dr", directory,
        c -> Optional.ofNullable(DaemonIds.nodeMonitors(directory.nodeMonitors().snapshot().values()).get(c.id())),
        Clock.system(), 300);
    drainer.onDrained(drained::put);
    drainer.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    drainer.close();
    directory.close();
    curator.close();
    zk.close();
  }

  private static ContainerRef container(String id) {
    return new ContainerRef(id, "h1", "h1:8041", Role.NODE_MONITOR, new ContainerShape(1024, 1));
  }

  private Registration<NodeMonitorInfo> nodeMonitor(String id, String container) {
    Registration<NodeMonitorInfo> r = directory.register(new NodeMonitorInfo(id, "h1", 1, 2, 4,
        Map.of(AmSettings.CONTAINER_ATTRIBUTE, container), Set.of(), false));
    await().atMost(PATIENCE).until(() -> directory.nodeMonitors().snapshot().containsKey(id));
    return r;
  }

  @Test
  void aDaemonThatDeregistersEndsItsDrainAndTheRequestIsDeletedAfterTheRelease() throws Exception {
    Registration<NodeMonitorInfo> nm = nodeMonitor("h1:1", "container_1");
    String path = new ZkPaths("dr").drainNodeMonitor("h1:1");
    drainer.drain(container("container_1"), 60_000);

    await().atMost(PATIENCE).until(() -> curator.checkExists().forPath(path) != null);
    assertThat(new String(curator.getData().forPath(path), StandardCharsets.UTF_8)).isEqualTo("{\"timeoutMs\":60000}");
    assertThat(drained).isEmpty();
    // The daemon drained: it deregisters (and would exit 0).
    nm.close();
    await().atMost(PATIENCE).until(() -> drained.containsKey("container_1"));
    assertThat(drained.get("container_1")).contains("h1:1 deregistered");
    assertThat(curator.checkExists().forPath(path)).isNotNull();

    drainer.endDrain(container("container_1"));
    await().atMost(PATIENCE).until(() -> curator.checkExists().forPath(path) == null);
  }

  @Test
  void theDrainParentsExistOnceStartedSoThatListingThemShowsNoDrainsRatherThanNoNode() throws Exception {
    await().atMost(PATIENCE).until(() -> curator.checkExists().forPath("/sparrow/dr/drain/schedulers") != null);
    assertThat(curator.getChildren().forPath("/sparrow/dr/drain/nodemonitors")).isEmpty();
    assertThat(curator.getChildren().forPath("/sparrow/dr/drain/schedulers")).isEmpty();
  }

  @Test
  void aDaemonThatIgnoresTheRequestIsReleasedAtTheTimeoutPlusGrace() throws Exception {
    nodeMonitor("h1:2", "container_2");
    drainer.drain(container("container_2"), 200);
    await().atMost(PATIENCE).until(() -> drained.containsKey("container_2"));
    assertThat(drained.get("container_2")).contains("still registered at the drain deadline");
  }

  @Test
  void aContainerWithoutARegisteredDaemonIsDoneAtOnceAndRemoveAllClearsEveryRequest() throws Exception {
    drainer.drain(container("container_3"), 60_000);
    await().atMost(PATIENCE).until(() -> drained.containsKey("container_3"));
    assertThat(drained.get("container_3")).contains("no daemon");

    nodeMonitor("h1:4", "container_4");
    drainer.drain(container("container_4"), 60_000);
    String path = new ZkPaths("dr").drainNodeMonitor("h1:4");
    await().atMost(PATIENCE).until(() -> curator.checkExists().forPath(path) != null);
    drainer.removeAll();
    assertThat(curator.checkExists().forPath("/sparrow/dr/drain")).isNull();
    assertThat(List.copyOf(drained.keySet())).containsExactly("container_3");
  }
}
