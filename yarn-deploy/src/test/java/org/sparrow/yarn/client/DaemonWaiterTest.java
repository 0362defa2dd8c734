package org.sparrow.yarn.client;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.curator.framework.CuratorFramework;
import org.apache.hadoop.yarn.api.records.ApplicationId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparrow.zk.EmbeddedZooKeeper;
import org.sparrow.zk.ZkClients;

/** The registration wait against a real ZooKeeper in which no daemon ever registers. */
class DaemonWaiterTest {

  private static final ApplicationId APP = ApplicationId.newInstance(1_700_000_000_000L, 7);

  private EmbeddedZooKeeper zk;
  private CuratorFramework curator;

  @BeforeEach
  void setUp() throws Exception {
    zk = EmbeddedZooKeeper.builder().port(0).build();
    zk.start();
    curator = ZkClients.newClient(zk.connectString());
    curator.start();
    ZkClients.awaitConnected(curator, 15_000);
  }

  @AfterEach
  void tearDown() {
    curator.close();
    zk.close();
  }

  @Test
  void anApplicationThatEndsStopsTheWaitWithItsDiagnosticsLongBeforeTheTimeout() {
    AtomicInteger asked = new AtomicInteger();
    // Running at the first check, FAILED at the second: the wait must end there, not after 10 minutes.
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> assertThatThrownBy(() -> DaemonWaiter.await(curator, "dw",
        APP, 1, 1, Duration.ofMinutes(10), Duration.ofMinutes(10),
        () -> asked.incrementAndGet() < 2 ? null : "FAILED (FAILED): 3 container failures"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(APP + " ended before its daemons registered (0 of 1 node monitors and 0 of 1 schedulers")
        .hasMessageEndingWith("): FAILED (FAILED): 3 container failures"));
  }

  @Test
  void aRunningApplicationWhoseDaemonsNeverRegisterTimesOutNamingTheWholeTimeout() {
    assertThatThrownBy(() -> DaemonWaiter.await(curator, "dw", APP, 2, 1, Duration.ofSeconds(300),
        Duration.ofMillis(300), () -> null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("after 300 s, 0 of 2 node monitors and 0 of 1 schedulers have registered");
  }
}
