package org.sparrow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.thrift.TException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskSpec;

/**
 * The client against a scripted scheduler over real Thrift: here the scheduler sends every
 * completion notification before it even answers the submit call, the hardest ordering.
 */
class SparrowClientTest {

  private ThriftServer scheduler;
  private SparrowClient client;
  private final AtomicReference<TSchedulingRequest> lastRequest = new AtomicReference<>();
  private final AtomicInteger counter = new AtomicInteger();
  private volatile boolean answer = true;
  private final ClientPool<FrontendService.Client> frontends =
      ClientPool.builder(FrontendService.Client::new).build();

  @AfterEach
  void stop() {
    if (client != null) {
      client.close();
    }
    if (scheduler != null) {
      scheduler.close();
    }
    frontends.close();
  }

  private void startScheduler() throws Exception {
    SchedulerService.Iface handler = new ScriptedScheduler();
    scheduler = ThriftServer.builder("fake-scheduler", new SchedulerService.Processor<>(handler))
        .bindHost("127.0.0.1").port(0).build().start();
    client = SparrowClient.builder().scheduler(scheduler.address().toString()).app("test")
        .callbackHost("127.0.0.1").timeout(Duration.ofSeconds(20)).build().start();
  }

  @Test
  void resultsArrivingBeforeTheRequestIdAreNotLost() throws Exception {
    startScheduler();
    JobResult r = client.submit(Job.builder().task(Task.sleep("a", 1)).task(Task.noop("b"))
        .probeRatio(3).policy("batch").constraint("rack", "r1").build()).get(10, TimeUnit.SECONDS);
    assertThat(r.requestId()).isEqualTo("req-1");
    assertThat(r.tasks()).extracting(TaskResult::taskId).containsExactly("a", "b");
    assertThat(r.tasks()).extracting(TaskResult::state).containsExactly(TaskResult.State.SUCCEEDED,
        TaskResult.State.FAILED);
    assertThat(r.tasks().get(1).output()).isEqualTo("boom");
    assertThat(r.succeeded()).isFalse();
    assertThat(r.longestTaskMicros()).isEqualTo(1_000);

    TSchedulingRequest sent = lastRequest.get();
    assertThat(sent.isNotifyCompletion()).isTrue();
    assertThat(sent.getFrontendAddress()).isEqualTo(client.callbackAddress());
    assertThat(sent.getProbeRatio()).isEqualTo(3.0);
    assertThat(sent.getPolicy()).isEqualTo("batch");
    assertThat(sent.getConstraints()).containsEntry("rack", "r1");
    assertThat(sent.getTasks()).extracting(TTaskSpec::getKind).containsExactly("sleep", "noop");
    assertThat(sent.getClientLeaseMs()).as("the default lease").isEqualTo(30_000);
    assertThat(client.pendingJobs()).isZero();
  }

  @Test
  void jobsCarryTheLeaseTheClientWasBuiltWith() throws Exception {
    assertThatThrownBy(() -> SparrowClient.builder().scheduler("127.0.0.1:1").lease(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lease must be positive");
    SchedulerService.Iface handler = new ScriptedScheduler();
    scheduler = ThriftServer.builder("fake-scheduler", new SchedulerService.Processor<>(handler))
        .bindHost("127.0.0.1").port(0).build().start();
    client = SparrowClient.builder().scheduler(scheduler.address().toString()).app("test")
        .callbackHost("127.0.0.1").lease(Duration.ofSeconds(5)).timeout(Duration.ofSeconds(20)).build().start();
    client.submit(Job.builder().task(Task.noop("a")).build()).get(10, TimeUnit.SECONDS);
    assertThat(lastRequest.get().getClientLeaseMs()).isEqualTo(5_000);
  }

  @Test
  void aRejectedJobFailsWithTheSchedulersReason() throws Exception {
    startScheduler();
    assertThatThrownBy(() -> client.submit(Job.builder().build()).get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(JobRejectedException.class)
        .hasMessageContaining("job has no tasks");
  }

  @Test
  void aJobThatNeverEndsTimesOut() throws Exception {
    startScheduler();
    answer = false;
    assertThatThrownBy(() -> client.submit(Job.builder().task(Task.noop("a"))
        .timeout(Duration.ofMillis(100)).build()).get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TimeoutException.class);
    assertThat(client.pendingJobs()).isZero();
  }

  @Test
  void aResultArrivingAfterItsJobTimedOutIsNotKept() throws Exception {
    startScheduler();
    answer = false;
    assertThatThrownBy(() -> client.submit(Job.builder().task(Task.noop("a"))
        .timeout(Duration.ofMillis(100)).build()).get(30, TimeUnit.SECONDS))
        .hasCauseInstanceOf(TimeoutException.class);

    StubScheduler.notifyResult(frontends, client.callbackAddress(), "req-1", "test", "a", true);

    assertThat(client.pendingJobs()).isZero();
  }

  @Test
  void aDuplicateResultOfAFinishedJobIsNotKept() throws Exception {
    startScheduler();
    client.submit(Job.builder().task(Task.noop("a")).build()).get(10, TimeUnit.SECONDS);

    StubScheduler.notifyResult(frontends, client.callbackAddress(), "req-1", "test", "a", true);
    StubScheduler.notifyResult(frontends, client.callbackAddress(), "req-unknown", "test", "a", true);

    assertThat(client.pendingJobs()).isZero();
  }

  @Test
  void schedulerAddressesAreHostPortStrings() throws Exception {
    startScheduler();
    assertThat(client.schedulerAddresses()).containsExactly(scheduler.address().toString());
  }

  @Test
  void anUnreachableSchedulerIsAnExplicitFailure() throws Exception {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      int closedPort = s.getLocalPort();
      s.close();
      client = SparrowClient.builder().scheduler("127.0.0.1:" + closedPort).callbackHost("127.0.0.1")
          .build().start();
    }
    assertThatThrownBy(() -> client.submit(Job.of(1, "noop", null)).get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(SparrowClientException.class).hasMessageContaining("no scheduler could be reached");
  }

  @Test
  void builderNamesWhatIsMissing() {
    assertThatThrownBy(() -> SparrowClient.builder().build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheduler address");
    assertThatThrownBy(() -> SparrowClient.builder().scheduler("nohost"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host:port");
  }

  private final class ScriptedScheduler extends SchedulerServiceStub {
    @Override
    public String submitJobWithId(TSchedulingRequest req) throws TException {
      if (req.getTasks().isEmpty()) {
        throw new IncompleteRequestException("job has no tasks");
      }
      lastRequest.set(req);
      String id = "req-" + counter.incrementAndGet();
      if (answer) {
        for (TTaskSpec t : req.getTasks()) {
          StubScheduler.notifyResult(frontends, req.getFrontendAddress(), id, req.getApp(),
              t.getTaskId(), !t.getTaskId().equals("b"));
        }
      }
      return id;
    }
  }
}
