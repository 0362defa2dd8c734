package org.sparrow.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparrow.client.internal.PendingJobs;
import org.sparrow.client.internal.SchedulerClocks;
import org.sparrow.client.internal.SchedulerFit;
import org.sparrow.client.internal.Submitter;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TSchedulingRequest;

/**
 * A submit unanswered for longer than a healthy scheduler takes sends new jobs to the other
 * schedulers first (real loopback stubs; the time the submit is under way comes from a fake
 * clock, so nothing here waits for it).
 *
 * <p>The fake clock ages every submit the client has not finished, so before moving it the test
 * waits until the answered submit is finished on the client's side (its send task returned),
 * not merely counted by the stub: a stub counts a submit before its answer is even written, and
 * moved then, the clock would make the answered scheduler's submit look unanswered too.
 */
class UnansweredSubmitTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private StubScheduler a;
  private StubScheduler b;
  private ClientPool<SchedulerService.Client> pool;
  private ExecutorService executor;
  /** Submitter tasks that have returned (sends; nothing else runs on its executor here). */
  private final AtomicInteger tasksDone = new AtomicInteger();
  private Submitter submitter;

  @BeforeEach
  void start() throws Exception {
    a = StubScheduler.silent("a");  // takes the submit and never answers (until closed)
    b = StubScheduler.finishingEveryTask("b");
    b.holdResults = true;  // answers with an id, sends no notices
    pool = ClientPool.builder(SchedulerService.Client::new).socketTimeoutMs(30_000).build();
    executor = Executors.newFixedThreadPool(4);
    Executor counting = task -> executor.execute(() -> {
      try {
        task.run();
      } finally {
        tasksDone.incrementAndGet();
      }
    });
    List<HostPort> both = List.of(HostPort.parse(a.address()), HostPort.parse(b.address()));
    submitter = new Submitter(pool, new PendingJobs(), () -> both, counting, 20_000, 1,
        new SchedulerClocks(60_000), System::currentTimeMillis, nanos::get, 250);
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    executor.shutdownNow();
    pool.close();
  }

  private void submit() {
    TSchedulingRequest request = new TSchedulingRequest().setApp("t").setTasks(List.of());
    submitter.submit(request, List.of(), Duration.ofSeconds(30), SchedulerFit.JobSize.of(request));
  }

  @Test
  void newJobsGoElsewhereFirstOnceASubmitIsUnansweredTooLong() {
    submit();  // round robin: a first; it hangs there
    await().atMost(Duration.ofSeconds(10)).until(() -> a.submits.get() == 1);
    submit();  // b's turn
    await().atMost(Duration.ofSeconds(10)).until(() -> b.submits.get() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> tasksDone.get() == 1);  // a's is still under way

    nanos.addAndGet(Duration.ofMillis(300).toNanos());
    submit();  // a's turn, but its submit has been under way for 300 ms

    await().atMost(Duration.ofSeconds(10)).until(() -> b.submits.get() == 2);
    assertThat(a.submits).hasValue(1);
  }

  @Test
  void aSubmitUnderWayForLessThanThatChangesNothing() {
    submit();
    await().atMost(Duration.ofSeconds(10)).until(() -> a.submits.get() == 1);
    submit();
    await().atMost(Duration.ofSeconds(10)).until(() -> b.submits.get() == 1);
    await().atMost(Duration.ofSeconds(10)).until(() -> tasksDone.get() == 1);

    nanos.addAndGet(Duration.ofMillis(100).toNanos());
    submit();

    await().atMost(Duration.ofSeconds(10)).until(() -> a.submits.get() == 2);
    assertThat(b.submits).hasValue(1);
  }
}
