package org.sparrow.scheduler;

import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.RetryOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sparrow.scheduler.SchedulerHarness.noops;

import org.junit.jupiter.api.Test;

/**
 * A job is kept only if its answer went out before the submit deadline (the duplicate window of
 * a scheduler that froze between accepting a job and answering): otherwise it is dropped unrun,
 * its reservations never leave, and its key is free for the client's resubmission. Manual clock.
 */
class UnsentAnswerTest {

  private static JobRequest keyed(String key, Long deadlineEpochMs) {
    return JobRequest.of("app", noops(2)).withRetry(new RetryOptions(null, null, key, deadlineEpochMs));
  }

  @Test
  void noReservationLeavesBeforeTheAnswerWasWritten() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 41);
    long now = h.clock.currentTimeMillis();
    Acceptance a = h.scheduler.accept(keyed("k1", now + 1_000));
    assertThat(h.dispatcher.enqueues).as("held until the answer is out").isEmpty();

    h.clock.advanceMs(10);
    a.sent(true);

    assertThat(h.dispatcher.enqueues).isNotEmpty();
    assertThat(h.scheduler.status(a.requestId()).state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void anAnswerWrittenAfterTheDeadlineDropsTheJobUnrunAndFreesItsKey() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 42);
    long now = h.clock.currentTimeMillis();
    Acceptance a = h.scheduler.accept(keyed("k2", now + 1_000));

    h.clock.advanceMs(1_001);  // frozen between accepting and writing the answer
    a.sent(true);

    assertThat(h.dispatcher.enqueues).isEmpty();
    assertThat(h.scheduler.activeJobs()).isZero();
    assertThatThrownBy(() -> h.scheduler.status(a.requestId())).isInstanceOf(IllegalArgumentException.class);
    // The client resubmits (here, or elsewhere): a new job, not the dropped one.
    String again = h.scheduler.submit(keyed("k2", h.clock.currentTimeMillis() + 1_000));
    assertThat(again).isNotEqualTo(a.requestId());
    assertThat(h.dispatcher.enqueues).isNotEmpty();
  }

  @Test
  void anAnswerThatCouldNotBeWrittenDropsTheJob() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 43);
    Acceptance a = h.scheduler.accept(keyed("k3", h.clock.currentTimeMillis() + 1_000));

    a.sent(false);  // the client hung up: it sends the job elsewhere
    a.sent(true);   // only the first word counts

    assertThat(h.dispatcher.enqueues).isEmpty();
    assertThat(h.scheduler.activeJobs()).isZero();
  }

  @Test
  void aRequestWithoutADeadlineIsKeptEvenIfItsAnswerWasLost() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 44);
    Acceptance a = h.scheduler.accept(JobRequest.of("app", noops(1)));

    a.sent(false);  // an original frontend: it cannot resubmit safely, so the job runs

    assertThat(h.dispatcher.enqueues).isNotEmpty();
    assertThat(h.scheduler.status(a.requestId()).state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aDuplicateDecidesNothing() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 45);
    long now = h.clock.currentTimeMillis();
    Acceptance first = h.scheduler.accept(keyed("k5", now + 1_000));
    first.sent(true);
    Acceptance dup = h.scheduler.accept(keyed("k5", now + 1_000));

    dup.sent(false);

    assertThat(dup.requestId()).isEqualTo(first.requestId());
    assertThat(h.scheduler.status(first.requestId()).state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void theDeadlineIsReadInTheSchedulersOwnClock() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 46);
    // The client wrote the deadline in this scheduler's clock (it probed currentTimeMillis).
    long theirs = h.scheduler.currentTimeMillis();
    assertThat(theirs).isEqualTo(h.clock.currentTimeMillis());
    Acceptance a = h.scheduler.accept(keyed("k6", theirs + 500));
    h.clock.advanceMs(499);
    a.sent(true);
    assertThat(h.scheduler.status(a.requestId()).state()).isEqualTo(JobState.RUNNING);
  }
}
