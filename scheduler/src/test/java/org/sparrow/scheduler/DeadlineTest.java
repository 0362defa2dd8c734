package org.sparrow.scheduler;

import org.sparrow.common.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sparrow.scheduler.SchedulerHarness.noops;
import static org.sparrow.scheduler.SchedulerHarness.success;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.StaticMembership;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.TaskResult;

/** Deadlines: none unless asked for, clamped, validated; driven by a manual clock. */
class DeadlineTest {

  private static final long DAY_MS = 24L * 3600 * 1000;

  private final StaticMembership<NodeMonitorInfo> members = new StaticMembership<>();
  private final FakeDispatcher dispatcher = new FakeDispatcher();
  private final ManualClock clock = new ManualClock();

  private Scheduler scheduler(UnaryOperator<SchedulerBuilder> extra) {
    Nodes.nodes(2).forEach(n -> members.put(n.id(), n));
    return extra.apply(Scheduler.builder().identity(new HostPort("sched", 20503)).bootId("boot")
        .nodeMonitors(members).dispatcher(dispatcher).clock(clock).hostResolver(new FakeResolver(), 1000)).build();
  }

  @Test
  void aJobThatAskedForNoDeadlineHasNone() {
    Scheduler s = scheduler(b -> b);
    String id = s.submit(JobRequest.of("app", noops(1)));

    // The original ran a task that could only start after 305 s (a busy cluster): so does this one.
    clock.advanceMs(365 * DAY_MS);
    s.expireDue();
    assertThat(s.status(id).state()).isEqualTo(JobState.RUNNING);

    String node = dispatcher.nodesEnqueuedFor(id).iterator().next();
    TaskBatch b = dispatcher.ask(s, node, id, 1);
    assertThat(b.tasks()).hasSize(1);
    s.tasksFinished(List.of(success(b.tasks().get(0), node)));
    assertThat(s.status(id).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void aRequestedDeadlineTimesTheJobOut() {
    Scheduler s = scheduler(b -> b);
    String id = s.submit(JobRequest.of("app", noops(2)).withTimeoutMs(1_000L));
    clock.advanceMs(999);
    s.expireDue();
    assertThat(s.status(id).state()).isEqualTo(JobState.RUNNING);
    clock.advanceMs(1);
    s.expireDue();
    assertThat(s.status(id).state()).isEqualTo(JobState.FAILED);
    assertThat(s.status(id).results()).extracting(TaskResult::state).containsOnly(TaskState.TIMED_OUT);
  }

  @Test
  void anOperatorsDefaultDeadlineAppliesToJobsThatSetNone() {
    Scheduler s = scheduler(b -> b.defaultJobTimeoutMs(60_000));
    String id = s.submit(JobRequest.of("app", noops(1)));
    clock.advanceMs(60_000);
    s.expireDue();
    assertThat(s.status(id).state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void hugeTimeoutsAreClampedInsteadOfOverflowing() {
    Scheduler s = scheduler(b -> b);
    // Above ~9.2e12 ms, ms * 1e6 wraps negative: the job used to time out at once.
    String nearOverflow = s.submit(JobRequest.of("app", noops(1)).withTimeoutMs(9_300_000_000_000L));
    String max = s.submit(JobRequest.of("app", noops(1)).withTimeoutMs(Long.MAX_VALUE));
    s.expireDue();
    clock.advanceMs(1000 * DAY_MS);
    s.expireDue();

    assertThat(s.status(nearOverflow).state()).isEqualTo(JobState.RUNNING);
    assertThat(s.status(max).state()).isEqualTo(JobState.RUNNING);
    assertThat(JobValidator.checkTimeoutMs(Long.MAX_VALUE)).isEqualTo(JobValidator.MAX_TIMEOUT_MS);
    assertThat(JobValidator.checkTimeoutMs(5)).isEqualTo(5);
  }

  @Test
  void negativeAndZeroTimeoutsAreClearErrors() {
    Scheduler s = scheduler(b -> b);
    assertThatThrownBy(() -> s.submit(JobRequest.of("app", noops(1)).withTimeoutMs(-1L)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeoutMs must not be negative, got -1 (leave it unset for no deadline)");
    assertThatThrownBy(() -> s.submit(JobRequest.of("app", noops(1)).withTimeoutMs(Long.MIN_VALUE)))
        .hasMessageContaining("must not be negative");
    assertThatThrownBy(() -> s.submit(JobRequest.of("app", noops(1)).withTimeoutMs(0L)))
        .hasMessageContaining("must be positive, got 0");
    assertThatThrownBy(() -> Scheduler.builder().defaultJobTimeoutMs(-1))
        .hasMessageContaining("must not be negative");
  }
}
