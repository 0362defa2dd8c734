package org.sparrow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.HostPort;
import org.sparrow.common.InMemoryClusterDirectory;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.zk.EmbeddedZooKeeper;
import org.sparrow.zk.MemberCodec;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * Each scheduler's advertised request limits decide whether a job goes to it, at every send
 * (first submit and resubmission): a scheduler too small for a job is skipped and the job runs on
 * one that takes it; only when none does is the job rejected, naming every limit. Stub schedulers
 * on real loopback ports, their entries in an in-memory directory (last test: real ZooKeeper).
 */
class AdvertisedLimitsTest {

  private final InMemoryClusterDirectory directory = new InMemoryClusterDirectory("limits");
  private StubScheduler a;
  private StubScheduler b;
  private SparrowClient client;

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (a != null) {
      a.close();
    }
    if (b != null) {
      b.close();
    }
  }

  private static SchedulerInfo entry(StubScheduler s, int maxRequestBytes, int maxTasksPerJob) {
    HostPort at = HostPort.parse(s.address());
    return new SchedulerInfo(at.toString(), at.host(), at.port(), 1, "boot", 0, maxRequestBytes, maxTasksPerJob);
  }

  /** Schedulers a and b, each advertising (frame bytes, tasks per job), and a client of both. */
  private void startTwo(int aBytes, int aTasks, int bBytes, int bTasks) throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    b = StubScheduler.finishingEveryTask("b");
    directory.register(entry(a, aBytes, aTasks));
    directory.register(entry(b, bBytes, bTasks));
    client = clientOf(directory);
  }

  private SparrowClient clientOf(ClusterDirectory dir) throws Exception {
    return SparrowClient.builder().directory(dir).app("test").callbackHost("127.0.0.1")
        .timeout(Duration.ofSeconds(20)).statusCheckInterval(Duration.ofMillis(50)).build().start();
  }

  @Test
  void aSchedulerTooSmallForAJobIsSkippedAndTheJobRunsOnTheOther() throws Exception {
    startTwo(1_000_000, 2, 1_000_000, 10);

    // Four jobs: the round-robin gives a its turn at least once; a 3-task job never goes there.
    for (int i = 0; i < 4; i++) {
      JobResult r = client.submit(Job.of(3, "noop", null)).get(30, TimeUnit.SECONDS);
      assertThat(r.scheduler()).isEqualTo(b.address());
      assertThat(r.submitAttempts()).as("a is not asked, so not counted").isEqualTo(1);
    }
    assertThat(a.submits).hasValue(0);
    assertThat(b.submits).hasValue(4);
    // A job within a's limit still goes to a in its turn.
    client.submit(Job.of(2, "noop", null)).get(30, TimeUnit.SECONDS);
    client.submit(Job.of(2, "noop", null)).get(30, TimeUnit.SECONDS);
    assertThat(a.submits).hasValue(1);
  }

  @Test
  void aSchedulerAdvertisingASmallerFrameLimitIsSkippedForALargeRequest() throws Exception {
    startTwo(2_000, 100, 1_000_000, 100);
    Job large = Job.builder().task(Task.forBackend("t", new byte[5_000])).build();

    for (int i = 0; i < 2; i++) {
      assertThat(client.submit(large).get(30, TimeUnit.SECONDS).scheduler()).isEqualTo(b.address());
    }
    assertThat(a.submits).hasValue(0);
  }

  @Test
  void aJobAboveEverySchedulersLimitIsRejectedNamingEachLimitWithoutAnRpc() throws Exception {
    startTwo(1_000_000, 2, 1_000_000, 4);

    assertThatThrownBy(() -> client.submit(Job.of(5, "noop", null)).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(JobRejectedException.class)
        .hasMessageContaining("scheduler " + a.address() + " takes at most 2 tasks per job (maxTasksPerJob), the job has 5")
        .hasMessageContaining("scheduler " + b.address() + " takes at most 4 tasks per job (maxTasksPerJob), the job has 5");
    assertThat(a.submits).hasValue(0);
    assertThat(b.submits).hasValue(0);
    assertThat(client.pendingJobs()).isZero();
  }

  @Test
  void aResubmissionSkipsASchedulerTooSmallForTheJob() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    b = StubScheduler.finishingEveryTask("b");
    b.holdResults = true;
    directory.register(entry(a, 1_000_000, 2));
    directory.register(entry(b, 1_000_000, 10));
    client = clientOf(directory);
    CompletableFuture<JobResult> f = client.submit(Job.of(3, "noop", null));
    // Accepted there: the client checks the job's status (b.submits counts before the answer is out).
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> b.statusChecks.get() > 0);

    b.stopServing();  // lost with the job: a would take a resubmission, were it not too small

    assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SparrowClientException.class)
        .isNotInstanceOf(JobRejectedException.class)  // the limits did not stop it alone: b is gone
        .hasMessageContaining("scheduler " + a.address() + " takes at most 2 tasks per job")
        .hasMessageContaining(b.address());
    assertThat(a.submits).hasValue(0);
  }

  @Test
  void aJobWhoseSchedulerWasLostFailsAsLostNotRejectedWhenNoOtherTakesIt() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    b = StubScheduler.finishingEveryTask("b");
    b.holdResults = true;
    directory.register(entry(a, 1_000_000, 2));
    org.sparrow.common.Registration<SchedulerInfo> bEntry = directory.register(entry(b, 1_000_000, 10));
    client = clientOf(directory);
    CompletableFuture<JobResult> f = client.submit(Job.of(3, "noop", null));
    // Accepted there: the client checks the job's status (b.submits counts before the answer is out).
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> b.statusChecks.get() > 0);

    bEntry.close();  // its process ended: entry gone, port closed
    b.stopServing();

    assertThatThrownBy(() -> f.get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class).cause().isInstanceOf(SparrowClientException.class)
        .isNotInstanceOf(JobRejectedException.class)  // it fitted b, and would again
        .hasMessageStartingWith("scheduler " + b.address() + " was lost with the job")
        .hasMessageContaining("scheduler " + a.address() + " takes at most 2 tasks per job");
    assertThat(a.submits).hasValue(0);
  }

  @Test
  void whileEveryEntryIsGoneTheLastSeenLimitsStillApply() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    b = StubScheduler.finishingEveryTask("b");
    org.sparrow.common.Registration<SchedulerInfo> aEntry = directory.register(entry(a, 1_000_000, 2));
    org.sparrow.common.Registration<SchedulerInfo> bEntry = directory.register(entry(b, 1_000_000, 10));
    client = clientOf(directory);
    assertThat(client.submit(Job.of(3, "noop", null)).get(30, TimeUnit.SECONDS).scheduler()).isEqualTo(b.address());

    aEntry.close();  // ZooKeeper restarting: every entry gone, both schedulers alive
    bEntry.close();

    for (int i = 0; i < 2; i++) {  // a's turn comes; it is still too small
      assertThat(client.submit(Job.of(3, "noop", null)).get(30, TimeUnit.SECONDS).scheduler()).isEqualTo(b.address());
    }
    assertThat(a.submits).hasValue(0);
  }

  @Test
  void aLimitChangedInTheEntryCountsForTheNextJob() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    org.sparrow.common.Registration<SchedulerInfo> reg = directory.register(entry(a, 1_000_000, 2));
    client = clientOf(directory);
    assertThatThrownBy(() -> client.submit(Job.of(3, "noop", null)).get(30, TimeUnit.SECONDS))
        .cause().isInstanceOf(JobRejectedException.class).hasMessageContaining("at most 2 tasks");

    reg.update(entry(a, 1_000_000, 3));  // restarted with a larger --max-tasks-per-job

    assertThat(client.submit(Job.of(3, "noop", null)).get(30, TimeUnit.SECONDS).scheduler()).isEqualTo(a.address());
  }

  @Test
  void olderEntriesWithoutLimitsParseAndExcludeNothing() throws Exception {
    String oldJson = "{\"id\":\"h:1\",\"host\":\"h\",\"port\":1,\"internalPort\":2,\"bootId\":\"x\",\"metricsPort\":0}";
    SchedulerInfo decoded = MemberCodec.decodeScheduler("/sparrow/c/schedulers/h:1", oldJson.getBytes());
    assertThat(decoded.maxRequestBytes()).isZero();
    assertThat(decoded.maxTasksPerJob()).isZero();
    SchedulerInfo round = MemberCodec.decodeScheduler("/x/h:1",
        MemberCodec.encode(new SchedulerInfo("h:1", "h", 1, 2, "b", 0, 4096, 7)));
    assertThat(round.maxRequestBytes()).isEqualTo(4096);
    assertThat(round.maxTasksPerJob()).isEqualTo(7);

    b = StubScheduler.finishingEveryTask("b");
    HostPort at = HostPort.parse(b.address());
    directory.register(new SchedulerInfo(at.toString(), at.host(), at.port(), 1));  // advertises nothing
    client = clientOf(directory);
    assertThat(client.submit(Job.of(50, "noop", null)).get(30, TimeUnit.SECONDS).scheduler()).isEqualTo(b.address());
  }

  /** Real ZooKeeper: the only scheduler's entry advertises 2 tasks per job; a 3-task job fails before any RPC. */
  @Test
  void aJobAboveTheOnlySchedulersAdvertisedLimitFailsThroughZooKeeper() throws Exception {
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.builder().port(0).build()) {
      zk.start();
      ZkClusterDirectory dir = ZkClusterDirectory.builder().connectString(zk.connectString())
          .clusterName("limits").build();
      dir.start();
      try {
        // Nothing listens on port 1: a job that were sent would fail differently.
        dir.register(new SchedulerInfo("127.0.0.1:1", "127.0.0.1", 1, 2, "b", 0, 1_000_000, 2));
        try (SparrowClient zkClient = SparrowClient.builder().zookeeper(zk.connectString()).cluster("limits")
            .callbackHost("127.0.0.1").build().start()) {
          Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> !zkClient.schedulerAddresses().isEmpty());
          assertThatThrownBy(() -> zkClient.submit(Job.of(3, "noop", null)).get(10, TimeUnit.SECONDS))
              .isInstanceOf(ExecutionException.class).cause().isInstanceOf(JobRejectedException.class)
              .hasMessageContaining("scheduler 127.0.0.1:1 takes at most 2 tasks per job (maxTasksPerJob), the job has 3");
        }
      } finally {
        dir.close();
      }
    }
  }
}
