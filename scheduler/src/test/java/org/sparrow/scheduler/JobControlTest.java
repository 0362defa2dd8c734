package org.sparrow.scheduler;

import org.sparrow.common.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.sparrow.scheduler.SchedulerHarness.success;
import static org.sparrow.scheduler.SchedulerHarness.tasks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.TaskRequest;

/** Listing and cancelling jobs, on fakes (no sockets). */
class JobControlTest {

  @Test
  void cancelEndsTheJobOnceDropsReservationsAndAsksToStopRunningTasks() throws Exception {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(4), 7);
    // As a node monitor answers: a command is killed, a sleep interrupted.
    h.dispatcher.stopAnswer = t -> t.taskId().startsWith("c") ? StopOutcome.KILLED : StopOutcome.INTERRUPTED;
    List<TaskRequest> tasks = new ArrayList<>(tasks("c", 3, "java", "Some"));
    tasks.addAll(tasks("s", 3, "sleep", "60000"));
    String id = h.scheduler.submit(JobRequest.of("app", tasks).withNotification("fe:1"));

    // Three tasks launch (one finishes), three stay unlaunched behind their reservations.
    List<TaskLaunch> launched = new ArrayList<>();
    for (NodeMonitorInfo n : Nodes.nodes(4)) {
      if (launched.size() < 3 && h.dispatcher.heldBy(n.id(), id) > 0) {
        launched.addAll(h.dispatcher.ask(h.scheduler, n.id(), id, 3 - launched.size()).tasks());
      }
    }
    assertThat(launched).hasSize(3);
    TaskLaunch done = launched.get(2);
    h.scheduler.tasksFinished(List.of(success(done, "x")));

    CancelReport report = h.scheduler.cancel(id).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(report.alreadyEnded()).isFalse();
    assertThat(report.state()).isEqualTo(JobState.CANCELLED);
    assertThat(report.cancelledUnlaunched()).isEqualTo(3);
    assertThat(report.killed() + report.interrupted()).isEqualTo(2);
    assertThat(report.killed()).isEqualTo(launched.subList(0, 2).stream()
        .filter(t -> t.id().taskId().startsWith("c")).count());
    JobStatus s = h.scheduler.status(id);
    assertThat(s.state()).isEqualTo(JobState.CANCELLED);
    assertThat(s.failureReason()).startsWith("cancelled: 5 of 6 tasks had not finished (3 not launched, 2 running)");
    assertThat(s.results()).hasSize(6).filteredOn(r -> r.state() == TaskState.CANCELLED).hasSize(5);
    // Every node that got reservations holds none any more; only the running tasks' nodes were asked to stop.
    for (NodeMonitorInfo n : Nodes.nodes(4)) {
      assertThat(h.dispatcher.heldBy(n.id(), id)).as(n.id()).isZero();
    }
    assertThat(h.dispatcher.stops.values().stream().flatMap(List::stream).map(FullTaskId::taskId))
        .containsExactlyInAnyOrderElementsOf(launched.subList(0, 2).stream().map(t -> t.id().taskId()).toList());
    // The frontend hears of every task once, the cancelled ones as CANCELLED.
    assertThat(h.notifier.notices).hasSize(6)
        .filteredOn(n -> n.result().state() == TaskState.CANCELLED).hasSize(5);
    assertThat(h.scheduler.activeJobs()).isZero();
    assertThat(h.scheduler.jobs()).isEmpty();

    // What arrives afterwards changes nothing: late getTasks, the killed tasks' reports, a second cancel.
    assertThat(h.scheduler.getTasks(id, "nm-01", 4)).isEqualTo(TaskBatch.EXHAUSTED);
    h.scheduler.tasksFinished(List.of(success(launched.get(0), "x")));
    assertThat(h.scheduler.status(id).results()).filteredOn(r -> r.state() == TaskState.SUCCEEDED).hasSize(1);
    CancelReport again = h.scheduler.cancel(id).toCompletableFuture().get(10, TimeUnit.SECONDS);
    assertThat(again.alreadyEnded()).isTrue();
    assertThat(again.state()).isEqualTo(JobState.CANCELLED);
    assertThat(h.notifier.notices).hasSize(6);
  }

  @Test
  void cancellingAFinishedJobReportsItAndChangesNothing() throws Exception {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 1);
    String id = h.scheduler.submit(JobRequest.of("app", tasks("t", 1, "noop", "")));
    TaskLaunch t = h.dispatcher.ask(h.scheduler, "nm-01", id, 1).tasks().get(0);
    h.scheduler.tasksFinished(List.of(success(t, "nm-01")));

    CancelReport r = h.scheduler.cancel(id).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(r.alreadyEnded()).isTrue();
    assertThat(r.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(h.dispatcher.stops).isEmpty();
  }

  @Test
  void anUnknownJobIsAClearError() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 1);
    assertThatThrownBy(() -> h.scheduler.cancel("sched:20503/boot/99"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown requestId 'sched:20503/boot/99'");
  }

  @Test
  void tasksOnANodeMonitorThatDoesNotAnswerAreCountedNotReached() throws Exception {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 1);
    h.dispatcher.stopAnswer = t -> null;
    String id = h.scheduler.submit(JobRequest.of("app", tasks("t", 2, "sleep", "1000")));
    assertThat(h.dispatcher.ask(h.scheduler, "nm-01", id, 2).tasks()).hasSize(2);

    CancelReport r = h.scheduler.cancel(id).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(r.notReached()).isEqualTo(2);
    assertThat(r.state()).isEqualTo(JobState.CANCELLED);
  }

  @Test
  void backendTasksAreReportedAsNotStoppable() throws Exception {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(1), 1);
    h.dispatcher.stopAnswer = t -> StopOutcome.NOT_STOPPABLE;
    String id = h.scheduler.submit(JobRequest.of("app", List.of(TaskRequest.of("b0", null, new byte[0]))));
    assertThat(h.dispatcher.ask(h.scheduler, "nm-01", id, 1).tasks()).hasSize(1);

    CancelReport r = h.scheduler.cancel(id).toCompletableFuture().get(10, TimeUnit.SECONDS);

    assertThat(r.notStoppable()).isEqualTo(1);
    assertThat(h.scheduler.status(id).results()).singleElement()
        .satisfies(res -> assertThat(res.state()).isEqualTo(TaskState.CANCELLED));
  }

  @Test
  void jobsListsTheActiveJobsOldestFirstWithTheirProgress() {
    SchedulerHarness h = new SchedulerHarness(Nodes.nodes(2), 3);
    String first = h.scheduler.submit(JobRequest.of("one", tasks("t", 3, "noop", "")));
    h.clock.advanceMs(1_500);
    String second = h.scheduler.submit(JobRequest.of("two", tasks("t", 2, "noop", "")));
    TaskLaunch t = h.dispatcher.ask(h.scheduler, h.dispatcher.held.keySet().iterator().next(), first, 1).tasks().get(0);
    h.scheduler.tasksFinished(List.of(success(t, "nm-01")));
    h.clock.advanceMs(500);

    List<JobSummary> jobs = h.scheduler.jobs();

    assertThat(jobs).extracting(JobSummary::requestId).containsExactly(first, second);
    JobSummary one = jobs.get(0);
    assertThat(one.app()).isEqualTo("one");
    assertThat(one.state()).isEqualTo(JobState.RUNNING);
    assertThat(one.totalTasks()).isEqualTo(3);
    assertThat(one.finishedTasks()).isEqualTo(1);
    assertThat(one.ageMillis()).isEqualTo(2_000);
    assertThat(jobs.get(1).ageMillis()).isEqualTo(500);
  }
}
