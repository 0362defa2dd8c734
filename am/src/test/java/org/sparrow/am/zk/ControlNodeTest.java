package org.sparrow.am.zk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlNodeTest {

  private TestingServer zk;
  private CuratorFramework curator;
  private ControlNode control;

  @BeforeEach
  void setUp() throws Exception {
    zk = new TestingServer(true);
    curator = CuratorFrameworkFactory.newClient(zk.getConnectString(), new RetryOneTime(100));
    curator.start();
    control = new ControlNode(curator, "ctl");
  }

  @AfterEach
  void tearDown() throws Exception {
    control.close();
    curator.close();
    zk.close();
  }

  @Test
  void writeReadUpdateAndDeleteByOwner() throws Exception {
    assertThat(control.read()).isEmpty();
    control.write(new DesiredState("application_1_0001", 2, 3, false));
    assertThat(control.path()).isEqualTo("/sparrow/ctl/yarn");
    assertThat(control.read()).contains(new DesiredState("application_1_0001", 2, 3, false));
    assertThat(control.update(s -> s.withNodeMonitors(5))).isEqualTo(new DesiredState("application_1_0001", 2, 5, false));
    control.deleteIfOwnedBy("application_1_0002");
    assertThat(control.read()).isPresent();
    control.deleteIfOwnedBy("application_1_0001");
    assertThat(control.read()).isEmpty();
  }

  @Test
  void failuresAndStagingSurviveAsJsonAndOlderRecordsStillRead() throws Exception {
    DesiredState full = new DesiredState("application_1_0001", 1, 2, false)
        .withStagingDir("hdfs://nn/user/u/.sparrow-staging/application_1_0001").withFailures(2, List.of("a", "b"));
    control.write(full);
    assertThat(control.update(s -> s.withNodeMonitors(4))).isEqualTo(new DesiredState("application_1_0001", 1, 4, false,
        2, List.of("a", "b"), "hdfs://nn/user/u/.sparrow-staging/application_1_0001"));
    // A record written by an older client (no failures, no staging directory), and one with a field
    // this version does not know.
    curator.setData().forPath(control.path(), ("{\"applicationId\":\"application_1_0001\",\"schedulers\":1,"
        + "\"nodeMonitors\":2,\"stopRequested\":false,\"fromTheFuture\":7}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(control.read()).contains(new DesiredState("application_1_0001", 1, 2, false));
  }

  @Test
  void updateWithoutADeploymentSaysSo() {
    assertThatThrownBy(() -> control.update(s -> s.stopped()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("/sparrow/ctl/yarn");
  }

  @Test
  void watchersSeeTheCurrentStateAndEveryChange() throws Exception {
    control.write(new DesiredState("application_1_0001", 2, 3, false));
    List<DesiredState> seen = new CopyOnWriteArrayList<>();
    control.watch(seen::add);
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 1);
    control.update(DesiredState::stopped);
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 2);
    assertThat(seen.get(1).stopRequested()).isTrue();
  }
}
