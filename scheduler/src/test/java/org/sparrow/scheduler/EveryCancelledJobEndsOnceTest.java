package org.sparrow.scheduler;

import org.sparrow.common.TaskState;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.TaskResult;

/**
 * Seeded fuzz of the job-control invariant: with cancels arriving at any point (before placement
 * is used, mid-run, after the end, twice), every job ends exactly once, its frontend hears of each
 * task exactly once, and no reservation is left behind on any node monitor.
 */
class EveryCancelledJobEndsOnceTest {

  private record Running(String nodeId, TaskLaunch task) {}

  @ParameterizedTest
  @ValueSource(longs = {11, 12, 13, 14})
  void everyJobEndsOnceAndLeavesNothingQueued(long seed) throws Exception {
    Random random = new Random(seed);
    List<NodeMonitorInfo> nodes = Nodes.nodes(6);
    SchedulerHarness h = new SchedulerHarness(nodes, seed);
    h.dispatcher.stopAnswer = t -> StopOutcome.values()[random.nextInt(StopOutcome.values().length)];
    List<String> jobs = new ArrayList<>();
    for (int j = 0; j < 30; j++) {
      jobs.add(h.scheduler.submit(JobRequest.of("app", SchedulerHarness.tasks("t", 1 + random.nextInt(6), "sleep", "5"))
          .withNotification("fe:1").withProbeRatio(1.0 + random.nextInt(3) * 0.5)));
    }
    List<Running> running = new ArrayList<>();
    int cancels = 0;
    for (int step = 0; step < 100_000; step++) {
      List<String[]> holding = h.dispatcher.holdings();
      if (holding.isEmpty() && running.isEmpty()) {
        break;
      }
      int action = random.nextInt(100);
      if (action < 6) {
        // Any job, active or ended: cancelling an ended one must change nothing.
        CancelReport r = h.scheduler.cancel(jobs.get(random.nextInt(jobs.size()))).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        cancels += r.alreadyEnded() ? 0 : 1;
      } else if ((action < 60 || running.isEmpty()) && !holding.isEmpty()) {
        String[] pick = holding.get(random.nextInt(holding.size()));
        for (TaskLaunch t : h.dispatcher.ask(h.scheduler, pick[0], pick[1], 1 + random.nextInt(3)).tasks()) {
          running.add(new Running(pick[0], t));
        }
      } else if (!running.isEmpty()) {
        // Killed tasks report too (late, as FAILED): the scheduler must ignore them.
        Running r = running.remove(random.nextInt(running.size()));
        h.scheduler.tasksFinished(List.of(new TaskResult(r.task.id(), TaskState.SUCCEEDED, 0, 1, r.nodeId, null, 1)));
      }
    }

    assertThat(cancels).as("the fuzz cancelled something").isPositive();
    Map<String, Integer> notices = new HashMap<>();
    h.notifier.notices.forEach(n -> notices.merge(n.result().id().requestId() + "#" + n.result().id().taskId(), 1,
        Integer::sum));
    assertThat(notices.values()).as("one notice per task").containsOnly(1);
    int cancelled = 0;
    for (String id : jobs) {
      JobStatus s = h.scheduler.status(id);
      assertThat(s.state()).as("job %s", id).isIn(JobState.SUCCEEDED, JobState.CANCELLED);
      assertThat(s.finishedTasks()).isEqualTo(s.totalTasks());
      assertThat(s.results()).extracting(r -> r.id().taskId()).doesNotHaveDuplicates();
      cancelled += s.state() == JobState.CANCELLED ? 1 : 0;
    }
    assertThat(cancelled).isEqualTo(cancels);
    assertThat(notices).hasSize(jobs.stream().mapToInt(id -> h.scheduler.status(id).totalTasks()).sum());
    assertThat(h.scheduler.activeJobs()).isZero();
    assertThat(h.scheduler.jobs()).isEmpty();
    synchronized (h.dispatcher) {
      h.dispatcher.held.values().forEach(byJob -> assertThat(byJob).as("reservations left").isEmpty());
    }
  }
}
