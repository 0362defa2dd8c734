package org.sparrow.nodemonitor.thrift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparrow.common.Clock;
import org.sparrow.common.Closeables;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.nodemonitor.FakeScheduler;
import org.sparrow.nodemonitor.TaskResult;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.common.TaskState;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.TTaskState;

class BatchingCompletionReporterTest {

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final ClientPool<SchedulerInternalService.Client> pool =
      ClientPool.builder(SchedulerInternalService.Client::new).connectTimeoutMs(1000).build();
  private FakeScheduler scheduler;
  private BatchingCompletionReporter reporter;

  @BeforeEach
  void start() throws Exception {
    scheduler = new FakeScheduler().start();
    reporter = new BatchingCompletionReporter(pool, 2, "test", Clock.system(), "boot");
  }

  @AfterEach
  void stop() {
    if (scheduler.reportGate != null) {
      scheduler.reportGate.countDown();
    }
    Closeables.closeAll(reporter, scheduler, pool);
  }

  private static TaskResult result(String taskId) {
    return new TaskResult(new TaskId(taskId, "req", "app", null), TaskState.SUCCEEDED, 0, 5, "nm",
        "", 7);
  }

  @Test
  void resultsFinishingWhileAReportIsInFlightGoTogetherInTheNext() throws Exception {
    CountDownLatch gate = new CountDownLatch(1);
    scheduler.reportGate = gate;
    reporter.taskFinished(scheduler.internalAddress(), result("first"));  // sent at once
    assertThat(scheduler.reportArrived.await(15, TimeUnit.SECONDS)).isTrue();

    for (int i = 0; i < 5; i++) {
      reporter.taskFinished(scheduler.internalAddress(), result("later-" + i));
    }
    gate.countDown();

    await().atMost(WAIT).until(() -> scheduler.results.size() == 6);
    assertThat(scheduler.reports.get()).isEqualTo(2);
    assertThat(reporter.reportsSent()).isEqualTo(2);
    assertThat(scheduler.results.get(0).getState()).isEqualTo(TTaskState.SUCCEEDED);
    assertThat(scheduler.results.get(0).getQueuedMicros()).isEqualTo(7);
  }

  @Test
  void reportsToADeadSchedulerAreDroppedAfterTheRetryWindowAndOthersStillGetTheirs()
      throws Exception {
    int deadPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      deadPort = s.getLocalPort();
    }
    reporter.close();
    reporter = new BatchingCompletionReporter(pool, 2, "test", Clock.system(), "boot", 300);
    reporter.taskFinished(new HostPort("127.0.0.1", deadPort), result("lost"));
    reporter.taskFinished(scheduler.internalAddress(), result("delivered"));

    await().atMost(WAIT).until(() -> scheduler.results.size() == 1 && reporter.resultsDropped() == 1);
    assertThat(scheduler.results.get(0).getTaskId().getTaskId()).isEqualTo("delivered");
    assertThat(reporter.reportsRetried()).isPositive();
  }

  @Test
  void aReportThatFailsIsSentAgainOnceTheSchedulerIsBack() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    HostPort address = new HostPort("127.0.0.1", port);
    reporter.taskFinished(address, result("kept"));
    await().atMost(WAIT).until(() -> reporter.reportsRetried() >= 1);
    assertThat(reporter.resultsDropped()).isZero();
    // The scheduler comes (back) on that port: the kept result reaches it, with our boot id.
    try (FakeScheduler back = new FakeScheduler().start(port)) {
      await().atMost(WAIT).until(() -> back.results.size() == 1);
      assertThat(back.results.get(0).getNodeMonitorBootId()).isEqualTo("boot");
      assertThat(reporter.awaitIdle(5_000)).isTrue();
    }
  }
}
