package org.sparrow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a submit may go to another scheduler: only when the first one surely never got it.
 * Jobs go round-robin in the order the schedulers were given, starting with the first.
 */
class SchedulerFailoverTest {

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

  private SparrowClient.Builder clientOf(String... schedulers) {
    SparrowClient.Builder builder = SparrowClient.builder().app("test").callbackHost("127.0.0.1")
        .timeout(Duration.ofSeconds(20));
    for (String s : schedulers) {
      builder.scheduler(s);
    }
    return builder;
  }

  private static String closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "127.0.0.1:" + s.getLocalPort();
    }
  }

  @Test
  void aSubmitThatTimedOutGoesToAnotherSchedulerWithTheSameKey() throws Exception {
    a = StubScheduler.silent("a");
    b = StubScheduler.finishingEveryTask("b");
    client = clientOf(a.address(), b.address()).rpcTimeout(Duration.ofMillis(300)).build().start();

    JobResult r = client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS);

    assertThat(r.scheduler()).isEqualTo(b.address());
    assertThat(a.submits).hasValue(1);
    assertThat(b.submits).hasValue(1);
    assertThat(a.keys).singleElement().isNotNull().isEqualTo(b.keys.get(0));
  }

  @Test
  void submitReturnsBeforeTheSchedulerAnswers() throws Exception {
    a = StubScheduler.silent("a");
    client = clientOf(a.address()).rpcTimeout(Duration.ofSeconds(20)).build().start();

    java.util.concurrent.CompletableFuture<JobResult> f = client.submit(Job.of(1, "noop", null));

    assertThat(f).isNotDone();  // the RPC is held by the scheduler; the caller is not
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.submits.get() == 1);
  }

  @Test
  void aDrainingSchedulersRefusalSendsTheJobElsewhere() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    a.draining = true;
    b = StubScheduler.finishingEveryTask("b");
    client = clientOf(a.address(), b.address()).build().start();

    JobResult r = client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS);

    assertThat(r.scheduler()).isEqualTo(b.address());
    assertThat(a.keys).isEqualTo(b.keys);
  }

  @Test
  void aJobOnASchedulerThatDiedAfterAcceptingItIsResubmittedOnce() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    a.holdResults = true;
    b = StubScheduler.finishingEveryTask("b");
    client = clientOf(a.address(), b.address()).statusCheckInterval(Duration.ofMillis(50)).build().start();
    java.util.concurrent.CompletableFuture<JobResult> f = client.submit(Job.of(2, "noop", null));
    // Accepted there: the client checks the job's status (a.submits counts before the answer is out).
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.statusChecks.get() > 0);

    a.stopServing();  // killed: its port refuses connections

    JobResult r = f.get(30, TimeUnit.SECONDS);
    assertThat(r.scheduler()).isEqualTo(b.address());
    assertThat(r.tasks()).hasSize(2).allSatisfy(t -> assertThat(t.succeeded()).isTrue());
    assertThat(b.keys).containsExactly(a.keys.get(0));
  }

  @Test
  void tasksWhoseResultsCameBeforeTheSchedulerDiedAreNotRunAgain() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    a.finishOnly = java.util.Set.of("t0", "t2");  // their notices reach the client; 1 and 3 run on
    b = StubScheduler.finishingEveryTask("b");
    client = clientOf(a.address(), b.address()).statusCheckInterval(Duration.ofMillis(50)).build().start();
    java.util.concurrent.CompletableFuture<JobResult> f = client.submit(Job.of(4, "noop", null));
    // Accepted there: the client checks the job's status (a.submits counts before the answer is out).
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.statusChecks.get() > 0);

    a.stopServing();  // killed with tasks 1 and 3 unfinished

    JobResult r = f.get(30, TimeUnit.SECONDS);
    assertThat(a.taskIdsOfSubmits).containsExactly(java.util.List.of("t0", "t1", "t2", "t3"));
    assertThat(b.taskIdsOfSubmits).containsExactly(java.util.List.of("t1", "t3"));
    assertThat(b.keys).containsExactly(a.keys.get(0));
    assertThat(r.scheduler()).isEqualTo(b.address());
    assertThat(r.tasks()).extracting(TaskResult::taskId).containsExactly("t0", "t1", "t2", "t3");
    assertThat(r.tasks()).allSatisfy(t -> assertThat(t.succeeded()).isTrue());
    assertThat(r.submitAttempts()).isEqualTo(2);
  }

  @Test
  void aJobWithDuplicateTaskIdsRunsWholeAgainAfterAResubmission() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    a.finishOnly = java.util.Set.of("x");
    b = StubScheduler.finishingEveryTask("b");
    client = clientOf(a.address(), b.address()).statusCheckInterval(Duration.ofMillis(50)).build().start();
    Job job = Job.builder().task(Task.noop("x")).task(Task.noop("x")).task(Task.noop("y")).build();
    client.submit(job);
    // Accepted there: the client checks the job's status (a.submits counts before the answer is out).
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.statusChecks.get() > 0);

    a.stopServing();

    // (The stub does not rename duplicates as a scheduler does, so the job's result is not waited for.)
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> b.submits.get() == 1);
    // A scheduler renames duplicates, so a result for "x" does not say which one ran: both go again.
    assertThat(b.taskIdsOfSubmits).containsExactly(java.util.List.of("x", "x", "y"));
  }

  @Test
  void anUnreachableSchedulerIsSkipped() throws Exception {
    b = StubScheduler.finishingEveryTask("b");
    client = clientOf(closedPort(), b.address()).build().start();

    JobResult r = client.submit(Job.of(2, "noop", null)).get(30, TimeUnit.SECONDS);

    assertThat(r.scheduler()).isEqualTo(b.address());
    assertThat(b.submits).hasValue(1);
  }

  @Test
  void aSchedulerGoneSinceItsConnectionWasPooledIsSkipped() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    b = StubScheduler.finishingEveryTask("b");
    client = clientOf(a.address(), b.address()).build().start();
    assertThat(client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS).scheduler())
        .isEqualTo(a.address());
    assertThat(client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS).scheduler())
        .isEqualTo(b.address());
    a.stopServing();

    // a's turn again: its pooled connection is stale, the fresh one is refused.
    JobResult r = client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS);

    assertThat(r.scheduler()).isEqualTo(b.address());
    assertThat(a.submits).hasValue(1);
    assertThat(b.submits).hasValue(2);
  }

  @Test
  void aJobAboveTheFrameLimitIsRejectedWithoutContactingAScheduler() throws Exception {
    b = StubScheduler.finishingEveryTask("b");
    client = clientOf(b.address()).build().start();
    Job huge = Job.builder()
        .task(Task.forBackend("big", new byte[SparrowClient.MAX_REQUEST_BYTES])).build();

    assertThatThrownBy(() -> client.submit(huge).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(JobRejectedException.class)
        .hasMessageContaining("above the limit of " + SparrowClient.MAX_REQUEST_BYTES + " bytes")
        .hasMessageMatching("job request is \\d+ bytes.*");
    assertThat(b.submits).hasValue(0);
    assertThat(client.pendingJobs()).isZero();
  }

  @Test
  void aSchedulerThatLetASubmitTimeOutGetsNoNewJobsUntilItAnswers() throws Exception {
    a = StubScheduler.silent("a");
    b = StubScheduler.finishingEveryTask("b");
    client = clientOf(a.address(), b.address()).submitTimeout(Duration.ofMillis(200))
        .statusCheckInterval(Duration.ofSeconds(60)).build().start();

    assertThat(client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS).submitAttempts())
        .as("a first, then b").isEqualTo(2);
    client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS);  // b's turn
    // a's turn in the round-robin again, but it is slow now: b first.
    JobResult third = client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS);
    assertThat(third.submitAttempts()).isEqualTo(1);
    assertThat(third.scheduler()).isEqualTo(b.address());
    assertThat(a.submits).hasValue(1);
  }

  @Test
  void theSubmitDeadlineIsWrittenInTheSchedulersClock() throws Exception {
    b = StubScheduler.finishingEveryTask("b");
    b.clockOffsetMs = 3_600_000;  // an hour ahead of this client
    client = clientOf(b.address()).submitTimeout(Duration.ofMillis(2_000)).build().start();

    client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS);

    assertThat(b.deadlineLeadMs).singleElement()
        .satisfies(lead -> assertThat(lead).isBetween(0L, 2_000L));
  }

  @Test
  void aSchedulerThatStopsAnsweringKeepsItsJobs() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    a.holdResults = true;
    b = StubScheduler.finishingEveryTask("b");
    client = clientOf(a.address(), b.address()).rpcTimeout(Duration.ofMillis(100))
        .statusCheckInterval(Duration.ofMillis(20)).build().start();
    java.util.concurrent.CompletableFuture<JobResult> f = client.submit(Job.of(1, "noop", null));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.submits.get() == 1);

    a.frozenStatus = true;  // frozen: it would still run the job when it resumes
    int before = a.statusChecks.get();
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20))
        .until(() -> a.statusChecks.get() >= before + 5);

    assertThat(b.submits).as("not sent elsewhere: it would run twice").hasValue(0);
    assertThat(f).isNotDone();
  }

  @Test
  void aJobTakenBackFromALostSchedulerIsCancelledThereWhenItAnswersAgain() throws Exception {
    a = StubScheduler.finishingEveryTask("a");
    a.holdResults = true;
    b = StubScheduler.finishingEveryTask("b");
    String aAddress = a.address();
    client = clientOf(aAddress, b.address()).statusCheckInterval(Duration.ofMillis(50)).build().start();
    java.util.concurrent.CompletableFuture<JobResult> f = client.submit(Job.of(1, "noop", null));
    // Accepted there: the client checks the job's status (a.submits counts before the answer is out).
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> a.statusChecks.get() > 0);
    a.stopServing();
    assertThat(f.get(30, TimeUnit.SECONDS).scheduler()).isEqualTo(b.address());

    StubScheduler back = StubScheduler.finishingEveryTaskOn("a2", aAddress);
    try {
      // The next submits reach it in turn; its first answer triggers the cancel of the old job.
      for (int i = 0; i < 2; i++) {
        client.submit(Job.of(1, "noop", null)).get(30, TimeUnit.SECONDS);
      }
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
          .until(() -> back.cancelled.contains("a-req-1"));
    } finally {
      back.close();
    }
  }
}
