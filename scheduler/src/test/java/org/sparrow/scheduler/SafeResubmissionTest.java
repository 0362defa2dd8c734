package org.sparrow.scheduler;

import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.RetryOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sparrow.scheduler.SchedulerHarness.noops;

import org.junit.jupiter.api.Test;

/** Idempotency keys, submit deadlines and drain, on the core with a manual clock. */
class SafeResubmissionTest {

  private static JobRequest keyed(String key, Long deadlineEpochMs) {
    return JobRequest.of("app", noops(2)).withRetry(new RetryOptions(null, null, key, deadlineEpochMs));
  }

  @Test
  void aDuplicateKeyGetsTheFirstJobAndRunsNothingNew() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 31);
    String first = h.scheduler.submit(keyed("job-42", null));
    int enqueues = h.dispatcher.enqueues.size();

    assertThat(h.scheduler.submit(keyed("job-42", null))).isEqualTo(first);
    assertThat(h.dispatcher.enqueues).hasSize(enqueues);
    assertThat(h.scheduler.activeJobs()).isEqualTo(1);
    assertThat(h.scheduler.submit(keyed("job-43", null))).isNotEqualTo(first);
    assertThat(h.scheduler.submit(JobRequest.of("other-app", noops(1))
        .withRetry(new RetryOptions(null, null, "job-42", null)))).as("keys are per app").isNotEqualTo(first);
  }

  @Test
  void theKeyOutlivesItsJobByTheRetentionThenIsForgotten() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 32);
    String first = h.scheduler.submit(keyed("k", null).withTimeoutMs(1_000L));
    h.clock.advanceMs(1_000 + 599_000);
    h.scheduler.expireDue();
    assertThat(h.scheduler.submit(keyed("k", null))).isEqualTo(first);
    h.clock.advanceMs(2_000);
    h.scheduler.expireDue();
    assertThat(h.scheduler.submit(keyed("k", null))).isNotEqualTo(first);
  }

  @Test
  void aRequestPastItsSubmitDeadlineIsDroppedButARefusedOneKeepsNoKey() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 33);
    long now = h.clock.currentTimeMillis();
    assertThatThrownBy(() -> h.scheduler.submit(keyed("late", now - 1)))
        .isInstanceOf(SubmitRefusedException.class).hasMessageContaining("after its submit deadline");
    assertThat(h.scheduler.activeJobs()).isZero();
    assertThat(h.dispatcher.enqueues).isEmpty();
    // Not remembered: the same key may be accepted once it arrives in time.
    String id = h.scheduler.submit(keyed("late", now + 1_000));
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.RUNNING);
  }

  @Test
  void aDrainingSchedulerRefusesNewJobsButAnswersDuplicatesAndFinishesItsOwn() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 34);
    String id = h.scheduler.submit(keyed("mine", null));
    h.scheduler.drain();

    assertThatThrownBy(() -> h.scheduler.submit(JobRequest.of("app", noops(1))))
        .isInstanceOf(SubmitRefusedException.class).hasMessageContaining("draining");
    assertThat(h.scheduler.submit(keyed("mine", null))).isEqualTo(id);
    for (TaskLaunch t : h.dispatcher.ask(h.scheduler, "nm-01", id, 2).tasks()) {
      h.scheduler.tasksFinished(java.util.List.of(SchedulerHarness.success(t, "nm-01")));
    }
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(h.scheduler.activeJobs()).isZero();
  }
}
