package org.sparrow.scheduler;

import org.sparrow.common.TaskState;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparrow.scheduler.SchedulerHarness.noops;
import static org.sparrow.scheduler.SchedulerHarness.success;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.RetryOptions;

/** Boot ids: a node monitor restarted on the same address is never taken for the old process. */
class IncarnationTest {

  private static NodeMonitorInfo nm(String bootId) {
    return new NodeMonitorInfo("nm-01", "host-01", 20502, 20501, 4, Map.of(), Set.of("app"), false, bootId);
  }

  private static SchedulerHarness oneNode(String bootId) {
    return new SchedulerHarness(List.of(nm(bootId)), 21);
  }

  @Test
  void aTakeoverLosesTheOldProcessesWorkAndNeverTheNewOnes() {
    SchedulerHarness h = oneNode("old");
    String before = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0)
        .withRetry(new RetryOptions(1, null, null, null)));
    h.dispatcher.ask(h.scheduler, "nm-01", before, 1);

    // Restarted on the same host:port: membership now shows the new incarnation.
    h.members.put("nm-01", nm("new"));
    h.scheduler.nodeSeen(nm("new"));
    assertThat(h.scheduler.status(before).results()).singleElement()
        .satisfies(r -> assertThat(r.state()).isEqualTo(TaskState.LOST));

    String after = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    TaskLaunch t = h.dispatcher.ask(h.scheduler, "nm-01", after, 1).tasks().get(0);
    // The old session's znode disappears; the new process answers the confirming ping.
    h.dispatcher.bootIds.put("nm-01", "new");
    h.scheduler.nodeDeparted(nm("old"));
    h.scheduler.nodeDeparted(nm("new"));
    assertThat(h.scheduler.status(after).launchedTasks()).as("still running on the new process").isEqualTo(1);

    h.scheduler.tasksFinished(List.of(success(t, "nm-01")), "new");
    assertThat(h.scheduler.status(after).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void aDepartureNobodyAnswersForIsConfirmed() {
    SchedulerHarness h = new SchedulerHarness(List.of(nm("a"), Nodes.node(2)), 22);
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)).withProbeRatio(1.0));
    h.dispatcher.ask(h.scheduler, "nm-01", id, 1);
    h.dispatcher.refuseWhen = n -> n.equals("nm-01");
    h.members.remove("nm-01");

    h.scheduler.nodeDeparted(nm("a"));

    assertThat(h.scheduler.status(id).launchedTasks()).as("its task went back to be retried").isZero();
  }

  @Test
  void aDepartureOfALiveProcessKeepsItsWorkUntilItStopsAnswering() {
    SchedulerHarness h = oneNode("a");
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    TaskLaunch t = h.dispatcher.ask(h.scheduler, "nm-01", id, 1).tasks().get(0);
    h.members.remove("nm-01");  // a ZooKeeper session expired under a live process

    h.scheduler.nodeDeparted(nm("a"));
    assertThat(h.scheduler.status(id).launchedTasks()).isEqualTo(1);
    h.scheduler.tasksFinished(List.of(success(t, "nm-01")), "a");
    assertThat(h.scheduler.status(id).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void anUnlistedNodeMonitorThatStopsAnsweringLosesItsWork() {
    SchedulerHarness h = new SchedulerHarness(List.of(nm("a"), Nodes.node(2)), 23);
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)).withProbeRatio(1.0));
    h.dispatcher.ask(h.scheduler, "nm-01", id, 1);
    h.members.remove("nm-01");
    h.scheduler.nodeDeparted(nm("a"));
    assertThat(h.scheduler.status(id).launchedTasks()).isEqualTo(1);

    h.dispatcher.pingTimesOut = n -> n.equals("nm-01");
    h.scheduler.checkLiveness();

    assertThat(h.scheduler.status(id).launchedTasks()).isZero();
  }

  @Test
  void requestsAndReportsOfAnOldIncarnationAreIgnored() {
    SchedulerHarness h = oneNode("new");
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)).withProbeRatio(1.0));

    assertThat(h.scheduler.getTasks(id, "nm-01", "old", 1)).isEqualTo(TaskBatch.EXHAUSTED);
    TaskLaunch t = h.scheduler.getTasks(id, "nm-01", "new", 1).tasks().get(0);
    h.scheduler.tasksFinished(List.of(success(t, "nm-01")), "old");
    assertThat(h.scheduler.status(id).finishedTasks()).isZero();
    h.scheduler.tasksFinished(List.of(success(t, "nm-01")), "");
    assertThat(h.scheduler.status(id).finishedTasks()).as("unknown incarnation: accepted").isEqualTo(1);
  }

  @Test
  void aGetTasksForAReservationOfThePreviousSchedulerIncarnationGetsNothingAndMarksNothing() {
    SchedulerHarness h = oneNode("a");  // the harness's scheduler is incarnation "boot"
    assertThat(h.scheduler.bootId()).isEqualTo("boot");
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));

    assertThat(h.scheduler.getTasks(id, "nm-01", "a", "the-previous-boot", 1)).isEqualTo(TaskBatch.EXHAUSTED);
    assertThat(h.scheduler.status(id).launchedTasks()).isZero();
    assertThat(h.dispatcher.pings).as("the asking node monitor is not suspected").isEmpty();

    assertThat(h.scheduler.getTasks(id, "nm-01", "a", "boot", 1).tasks()).hasSize(1);
    String next = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    assertThat(h.scheduler.getTasks(next, "nm-01", "a", "", 1).tasks()).as("unknown incarnation: served").hasSize(1);
    assertThat(h.dispatcher.enqueues).as("and still sampled").hasSize(2);
  }

  @Test
  void aReportAboutTasksOfThePreviousSchedulerIncarnationIsIgnored() {
    SchedulerHarness h = oneNode("a");  // the harness's scheduler is incarnation "boot"
    String id = h.scheduler.submit(JobRequest.of("app", noops(2)).withProbeRatio(1.0));
    List<TaskLaunch> tasks = h.scheduler.getTasks(id, "nm-01", "a", "boot", 2).tasks();
    assertThat(tasks).hasSize(2);

    // The same job and task ids, as if the process before this one had placed them.
    h.scheduler.tasksFinished(List.of(success(tasks.get(0), "nm-01")), "a", "the-previous-boot");
    assertThat(h.scheduler.status(id).finishedTasks()).isZero();
    assertThat(h.dispatcher.pings).as("the reporting node monitor is not suspected").isEmpty();

    h.scheduler.tasksFinished(List.of(success(tasks.get(0), "nm-01")), "a", "boot");
    assertThat(h.scheduler.status(id).finishedTasks()).isEqualTo(1);
    h.scheduler.tasksFinished(List.of(success(tasks.get(1), "nm-01")), "a", "");
    assertThat(h.scheduler.status(id).state()).as("unknown incarnation: accepted").isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void reservationsOfThePreviousSchedulerIncarnationHandedBackAreNotReplaced() {
    SchedulerHarness h = new SchedulerHarness(List.of(nm("a"), Nodes.node(2), Nodes.node(3)), 24);
    String id = h.scheduler.submit(JobRequest.of("app", noops(1)).withProbeRatio(1.0));
    String holder = h.dispatcher.enqueues.get(0).nodeId();
    int placed = h.dispatcher.enqueues.size();

    // The same request id, as a draining node monitor hands back what the process before placed.
    h.scheduler.reservationsReturned(holder, List.of(id), "the-previous-boot");
    assertThat(h.dispatcher.enqueues).as("nothing re-placed").hasSize(placed);

    h.scheduler.reservationsReturned(holder, List.of(id), "boot");
    assertThat(h.dispatcher.enqueues).as("ours: placed elsewhere").hasSizeGreaterThan(placed)
        .last().satisfies(s -> assertThat(s.nodeId()).isNotEqualTo(holder));
  }
}
