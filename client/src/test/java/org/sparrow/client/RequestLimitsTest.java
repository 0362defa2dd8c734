package org.sparrow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.zk.EmbeddedZooKeeper;
import org.sparrow.zk.MemberCodec;
import org.sparrow.zk.ZkClusterDirectory;

class RequestLimitsTest {

  private static SchedulerInfo advertising(int bytes, int tasks) {
    return new SchedulerInfo("127.0.0.1:1", "127.0.0.1", 1, 2, "b", 0, bytes, tasks);
  }

  @Test
  void smallestAdvertisedLimitApplies() {
    RequestLimits l = RequestLimits.of(List.of(advertising(4096, 10), advertising(2048, 50),
        new SchedulerInfo("old:1", "old", 1, 2)), 8192);
    assertThat(l).isEqualTo(new RequestLimits(2048, 10));
    assertThat(l.violation(10, 2048)).isEmpty();
    assertThat(l.violation(11, 100)).get().asString().contains("11 tasks", "limit of 10", "maxTasksPerJob");
    assertThat(l.violation(1, 2049)).get().asString().contains("2049 bytes", "limit of 2048", "maxRequestBytes");
  }

  @Test
  void olderEntriesWithoutLimitsLeaveOnlyTheClientsOwn() {
    RequestLimits l = RequestLimits.of(List.of(new SchedulerInfo("old:1", "old", 1, 2)), 8192);
    assertThat(l).isEqualTo(new RequestLimits(8192, Integer.MAX_VALUE));
    String oldJson = "{\"id\":\"h:1\",\"host\":\"h\",\"port\":1,\"internalPort\":2,\"bootId\":\"x\",\"metricsPort\":0}";
    SchedulerInfo decoded = MemberCodec.decodeScheduler("/sparrow/c/schedulers/h:1", oldJson.getBytes());
    assertThat(decoded.maxRequestBytes()).isZero();
    assertThat(decoded.maxTasksPerJob()).isZero();
    SchedulerInfo round = MemberCodec.decodeScheduler("/x/h:1",
        MemberCodec.encode(new SchedulerInfo("h:1", "h", 1, 2, "b", 0, 4096, 7)));
    assertThat(round.maxRequestBytes()).isEqualTo(4096);
    assertThat(round.maxTasksPerJob()).isEqualTo(7);
  }

  /** Real ZooKeeper: a scheduler entry advertising 2 tasks per job; a 3-task job fails before any RPC. */
  @Test
  void clientRefusesAJobAboveTheAdvertisedLimitThroughZooKeeper() throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().port(0).build()) {
      zk.start();
      ZkClusterDirectory dir = ZkClusterDirectory.builder().connectString(zk.connectString())
          .clusterName("limits").build();
      dir.start();
      try {
        // Nothing listens on port 1: a job that were sent would fail differently.
        dir.register(new SchedulerInfo("127.0.0.1:1", "127.0.0.1", 1, 2, "b", 0, 1_000_000, 2));
        try (SparrowClient client = SparrowClient.builder().zookeeper(zk.connectString()).cluster("limits")
            .callbackHost("127.0.0.1").build().start()) {
          Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !client.schedulerAddresses().isEmpty());
          assertThatThrownBy(() -> client.submit(Job.of(3, "noop", null)).get(10, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class).cause().isInstanceOf(JobRejectedException.class)
              .hasMessageContaining("3 tasks").hasMessageContaining("limit of 2");
        }
      } finally {
        dir.close();
      }
    }
  }
}
