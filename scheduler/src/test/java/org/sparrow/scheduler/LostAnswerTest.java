package org.sparrow.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparrow.scheduler.SchedulerHarness.noops;
import static org.sparrow.scheduler.SchedulerHarness.success;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.common.TaskState;
import org.sparrow.scheduler.job.HandedOut;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.RetryOptions;
import org.sparrow.scheduler.job.TaskResult;

/**
 * A getTasks answer that never reached its node monitor (it asked again after the answer was
 * given up): the runs it handed out are lost like runs on a failed node, not LAUNCHED until the
 * deadline. On the core with fakes and a manual clock.
 */
class LostAnswerTest {

  private static HandedOut handedOut(TaskLaunch t) {
    return new HandedOut(t.id().requestId(), t.id().taskId(), t.attempt());
  }

  @Test
  void theRunsOfALostAnswerRunAgainElsewhereAndCountAsAnAttempt() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 21);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    TaskLaunch first = h.launchOnly(id);
    String firstNode = h.dispatcher.enqueues.get(0).nodeId();

    h.scheduler.answerLost(firstNode, List.of(handedOut(first)));

    String next = h.holder(id, firstNode);
    TaskLaunch second = h.dispatcher.ask(h.scheduler, next, id, 1).tasks().get(0);
    assertThat(second.id()).isEqualTo(first.id());
    assertThat(second.attempt()).isEqualTo(2);
    h.scheduler.tasksFinished(List.of(success(second, next).withAttempts(2, List.of())));
    TaskResult r = h.scheduler.status(id).results().get(0);
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(r.earlierAttempts()).singleElement().satisfies(a -> {
      assertThat(a.nodeMonitorId()).isEqualTo(firstNode);
      assertThat(a.state()).isEqualTo(TaskState.LOST);
      assertThat(a.reason()).contains("getTasks answer");
    });
  }

  @Test
  void withoutAttemptsLeftTheJobEndsNowAndNotAtItsDeadline() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 22);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0)
        .withRetry(new RetryOptions(1, null, null, null)));
    TaskLaunch first = h.launchOnly(id);

    h.scheduler.answerLost(h.dispatcher.enqueues.get(0).nodeId(), List.of(handedOut(first)));

    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.FAILED);
    assertThat(h.scheduler.status(id).results()).singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(TaskState.LOST));
  }

  @Test
  void runsNotLaunchedThereByThatAnswerAreLeftAlone() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(3), 23);
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)).withProbeRatio(1.0));
    String node = h.dispatcher.nodesEnqueuedFor(id).iterator().next();
    TaskLaunch t = h.dispatcher.ask(h.scheduler, node, id, 1).tasks().get(0);
    String other = h.dispatcher.nodesEnqueuedFor(id).stream().filter(n -> !n.equals(node))
        .findFirst().orElseThrow();

    // Another node, another attempt, or a finished task: none of these is that answer's run.
    h.scheduler.answerLost(other, List.of(handedOut(t)));
    h.scheduler.answerLost(node, List.of(new HandedOut(id, t.id().taskId(), 2)));
    h.scheduler.tasksFinished(List.of(success(t, node)));
    h.scheduler.answerLost(node, List.of(handedOut(t)));

    assertThat(h.scheduler.status(id).results()).filteredOn(r -> r.id().taskId().equals(t.id().taskId()))
        .singleElement().satisfies(r -> {
          assertThat(r.state()).isEqualTo(TaskState.SUCCEEDED);
          assertThat(r.earlierAttempts()).isEmpty();
        });
  }
}
