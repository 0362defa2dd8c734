package org.sparrow.scheduler.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.FakeResolver;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.ManualClock;
import org.sparrow.scheduler.job.TaskRequest;

/**
 * Admission's transitions over a scripted core: a waiting job is visible (its status found) at
 * every moment of leaving the queue, and it starts or ends once.
 */
class AdmissionTransitionsTest {

  private final ManualClock clock = new ManualClock();
  private final Admission admission = new Admission(new HostPreferences(new FakeResolver(), clock, 1000),
      new WaitingJobs(10, 100), clock);

  /** A core that can run nothing until told, and records what admission asked of it. */
  private final class ScriptedCore implements Admission.Starter {
    boolean canRun;
    int next;
    final List<String> started = new ArrayList<>();
    final List<String> timedOut = new ArrayList<>();
    final List<JobStatus> ended = new ArrayList<>();
    final List<Boolean> visibleWhileLeaving = new ArrayList<>();

    @Override
    public String nextRequestId() {
      return "r" + ++next;
    }

    @Override
    public Map<String, NodeMonitorInfo> members() {
      return Map.of();
    }

    @Override
    public Admission.Blocked tryStart(String requestId, JobRequest request, long submitNanos, boolean fromQueue) {
      if (!canRun) {
        return new Admission.Blocked("a backend for app 'x'", true, submitNanos + 1_000_000_000L);
      }
      visibleWhileLeaving.add(!fromQueue || admission.status(requestId) != null);
      started.add(requestId);
      return null;
    }

    @Override
    public void accepted(String requestId) {}

    @Override
    public void timeOut(String requestId, JobRequest request, long submitNanos) {
      visibleWhileLeaving.add(admission.status(requestId) != null);
      timedOut.add(requestId);
    }

    @Override
    public void ended(JobStatus status) {
      ended.add(status);
    }
  }

  private static JobRequest job() {
    return JobRequest.of("x", List.of(TaskRequest.of("t", null, null)));
  }

  @Test
  void aWaitingJobStartsOnceAndStaysVisibleUntilItHasStarted() {
    ScriptedCore core = new ScriptedCore();
    String id = admission.submit(job(), core);
    assertThat(admission.status(id)).isNotNull();

    core.canRun = true;
    admission.membershipChanged(core);
    admission.membershipChanged(core);
    clock.advanceMs(5_000);
    admission.expireDue(clock.nanoTime(), core);

    assertThat(core.started).containsExactly(id);
    assertThat(core.timedOut).isEmpty();
    assertThat(core.visibleWhileLeaving).containsOnly(true);
    assertThat(admission.status(id)).isNull();
  }

  @Test
  void aWaitingJobTimesOutOnceAndStaysVisibleUntilItHasEnded() {
    ScriptedCore core = new ScriptedCore();
    String id = admission.submit(job(), core);

    clock.advanceMs(999);
    admission.expireDue(clock.nanoTime(), core);
    assertThat(core.timedOut).isEmpty();
    clock.advanceMs(1);
    admission.expireDue(clock.nanoTime(), core);
    admission.expireDue(clock.nanoTime(), core);
    core.canRun = true;
    admission.membershipChanged(core);

    assertThat(core.timedOut).containsExactly(id);
    assertThat(core.started).isEmpty();
    assertThat(core.visibleWhileLeaving).containsOnly(true);
  }
}
