package org.sparrow.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClient;
import org.sparrow.local.LocalCluster;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.scheduler.SchedulerMetrics;

/**
 * Safe resubmission on real sockets and a real ZooKeeper: a scheduler that reads a submit only
 * after its submit deadline (the bytes held by a {@link GatedProxy} in front of it) drops it
 * unrun, while the client, which gave up at the deadline plus its margin, has the job run once
 * on the other scheduler. And a second submit with an accepted idempotency key gets the job it
 * names, not a second run.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LateSubmitIT {

  private LocalCluster cluster;
  private GatedProxy proxy;
  private SparrowClient client;
  private SchedulerDaemon late;
  private SchedulerDaemon other;

  @BeforeEach
  void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(2).slots(2).schedulers(2).zkPort(0)
        .clusterName("late-submits").build().start();
    late = cluster.schedulers().get(0);
    other = cluster.schedulers().get(1);
    await().atMost(Duration.ofSeconds(20)).until(() ->
        cluster.schedulers().stream().allMatch(s -> s.knownNodeMonitors().size() == 2));
    proxy = new GatedProxy(late.address().port());
    // Static schedulers: the client reaches the late one only through the proxy.
    client = SparrowClient.builder().scheduler(proxy.address()).scheduler(other.address().toString())
        .app("late").callbackHost("127.0.0.1").submitTimeout(Duration.ofMillis(800))
        .timeout(Duration.ofSeconds(30)).build().start();
  }

  @AfterEach
  void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  private long expired(SchedulerDaemon s) {
    return s.metrics().meter(SchedulerMetrics.SUBMITS_EXPIRED).getCount();
  }

  @Test
  void aSubmitReadAfterItsDeadlineIsDroppedAndTheJobRunsOnceElsewhere() throws Exception {
    // Both schedulers answered once (the client knows their clocks) before the gate closes.
    for (int i = 0; i < 4; i++) {
      assertThat(client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS).succeeded()).isTrue();
    }
    long lateJobsBefore = late.metrics().meter("scheduler.jobs.submitted").getCount();

    proxy.hold();
    List<CompletableFuture<JobResult>> jobs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {  // round robin: about half go to the held scheduler first
      jobs.add(client.submit(Job.of(2, "noop", null)));
    }
    List<JobResult> results = new ArrayList<>();
    for (CompletableFuture<JobResult> f : jobs) {
      results.add(f.get(30, TimeUnit.SECONDS));
    }
    assertThat(results).allSatisfy(r -> {
      assertThat(r.succeeded()).isTrue();
      assertThat(r.scheduler()).as("ran where the client could reach in time").isEqualTo(other.address().toString());
    });
    assertThat(results).as("some went to the held scheduler first")
        .anySatisfy(r -> assertThat(r.submitAttempts()).isGreaterThan(1));
    long movedAway = results.stream().filter(r -> r.submitAttempts() > 1).count();

    // The held requests reach the scheduler now, long after their deadlines: dropped unrun.
    proxy.release();
    await().atMost(Duration.ofSeconds(20)).until(() -> expired(late) >= movedAway);
    assertThat(late.metrics().meter("scheduler.jobs.submitted").getCount())
        .as("no job accepted by the late scheduler").isEqualTo(lateJobsBefore);
    assertThat(late.scheduler().activeJobs()).isZero();
    assertThat(late.scheduler().jobs()).isEmpty();
  }

  @Test
  void aSecondSubmitWithAnAcceptedKeyGetsThatJobOverTheWire() throws Exception {
    var request = new org.sparrow.thrift.TSchedulingRequest().setApp("late")
        .setUser(new org.sparrow.thrift.TUserGroupInfo("u", "g", 0))
        .setTasks(List.of(new org.sparrow.thrift.TTaskSpec().setTaskId("t0").setKind("sleep")
            .setMessage("200".getBytes(java.nio.charset.StandardCharsets.UTF_8))))
        .setIdempotencyKey("job-key-1");
    long submittedBefore = other.metrics().meter(SchedulerMetrics.JOBS_SUBMITTED).getCount();
    try (var pool = org.sparrow.common.thrift.ClientPool.builder(org.sparrow.thrift.SchedulerService.Client::new)
        .socketTimeoutMs(10_000).build()) {
      String first = pool.call(other.address(), c -> c.submitJobWithId(request.deepCopy()));
      String again = pool.call(other.address(), c -> c.submitJobWithId(request.deepCopy()));

      assertThat(again).isEqualTo(first);
      assertThat(other.metrics().meter(SchedulerMetrics.JOBS_SUBMITTED).getCount() - submittedBefore)
          .as("one job").isEqualTo(1);
      assertThat(other.metrics().meter(SchedulerMetrics.SUBMITS_DUPLICATE).getCount()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(20)).until(() ->
          other.scheduler().status(first).state() == org.sparrow.scheduler.job.JobState.SUCCEEDED);
      assertThat(other.scheduler().status(first).launchedTasks()).as("its task ran once").isEqualTo(1);
    }
  }
}
