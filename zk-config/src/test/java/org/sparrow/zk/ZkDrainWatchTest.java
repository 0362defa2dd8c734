package org.sparrow.zk;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The drain znode contract on a real ZooKeeper. */
class ZkDrainWatchTest {

  @RegisterExtension
  static final ZkFixture ZK = new ZkFixture();

  /** A directory of a cluster of its own (closed by the test, and again, idempotently, by ZK). */
  private ZkClusterDirectory directory() {
    return ZK.directory(ZkTestSupport.uniqueCluster("drain"));
  }

  @Test
  void pathsFollowTheSharedLayout() {
    ZkPaths paths = new ZkPaths("prod");
    assertThat(paths.drainNodeMonitor("h:20502")).isEqualTo("/sparrow/prod/drain/nodemonitors/h:20502");
    assertThat(paths.drainScheduler("h:20503")).isEqualTo("/sparrow/prod/drain/schedulers/h:20503");
  }

  @Test
  void firesOnceWhenTheZnodeIsCreatedWithItsTimeout() throws Exception {
    try (ZkClusterDirectory dir = directory()) {
      String path = dir.paths().drainNodeMonitor("h:1");
      List<DrainRequest> seen = new CopyOnWriteArrayList<>();
      try (ZkDrainWatch watch = ZkDrainWatch.start(dir.client(), path, seen::add)) {
        dir.client().create().creatingParentsIfNeeded()
            .forPath(path, "{\"timeoutMs\": 1234}".getBytes(UTF_8));
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
        dir.client().setData().forPath(path, "{\"timeoutMs\": 99}".getBytes(UTF_8));
        // Another member's znode does not concern this watch.
        dir.client().create().creatingParentsIfNeeded()
            .forPath(dir.paths().drainNodeMonitor("h:2"), new byte[0]);
        assertThat(watch.path()).isEqualTo(path);
      }
      assertThat(seen).containsExactly(new DrainRequest(1234));
    }
  }

  @Test
  void aZnodeThatExistsAtStartOrHoldsNoJsonStillDrains() throws Exception {
    try (ZkClusterDirectory dir = directory()) {
      String path = dir.paths().drainNodeMonitor("h:1");
      dir.client().create().creatingParentsIfNeeded().forPath(path, "not json".getBytes(UTF_8));
      List<DrainRequest> seen = new CopyOnWriteArrayList<>();
      try (ZkDrainWatch ignored = ZkDrainWatch.start(dir.client(), path, seen::add)) {
        await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
      }
      assertThat(seen).containsExactly(new DrainRequest(0));
    }
  }
}
