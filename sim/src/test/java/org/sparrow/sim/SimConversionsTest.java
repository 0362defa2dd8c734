package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.TaskState;
import org.sparrow.common.UserInfo;
import org.sparrow.nodemonitor.FetchedTasks;
import org.sparrow.nodemonitor.TaskResult;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.TaskBatch;
import org.sparrow.scheduler.TaskLaunch;

/**
 * The simulator's stand-in for the wire must carry what the wire carries: without the retry mark
 * every simulated queue policy would serve a retried task's reservation as an ordinary one, and
 * without the attempt a simulated scheduler could not tell a stale report from the current one.
 */
class SimConversionsTest {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 20503);
  private static final String BOOT = "boot-a";
  private static final UserInfo USER = new UserInfo("alice", "g", 2);

  @Test
  void aReservationPlacedForARetryStaysMarkedForTheNodeMonitor() {
    org.sparrow.scheduler.Reservation retry =
        new org.sparrow.scheduler.Reservation("r1", "app", USER, 2, List.of(), true);

    Reservation converted = SimConversions.toNodeMonitor(retry, SCHEDULER, BOOT, "nm-1");

    assertThat(converted.forRetry()).isTrue();
    assertThat(converted.requestId()).isEqualTo("r1");
    assertThat(converted.count()).isEqualTo(2);
    assertThat(converted.nodeMonitorId()).isEqualTo("nm-1");
    assertThat(converted.schedulerAddress()).isEqualTo(SCHEDULER);
    assertThat(converted.user()).isEqualTo(USER);
  }

  @Test
  void aReservationNamesTheIncarnationOfTheSchedulerThatPlacedIt() {
    org.sparrow.scheduler.Reservation ordinary =
        new org.sparrow.scheduler.Reservation("r5", "app", USER, 1, List.of());

    Reservation converted = SimConversions.toNodeMonitor(ordinary, SCHEDULER, BOOT, "nm-1");

    assertThat(converted.schedulerBootId()).isEqualTo(BOOT);
    // What the node monitor core claims slots with keeps it too: its getTasks echoes it.
    assertThat(converted.withSlots(1, List.of()).schedulerBootId()).isEqualTo(BOOT);
  }

  @Test
  void anOrdinaryReservationStaysUnmarked() {
    org.sparrow.scheduler.Reservation ordinary =
        new org.sparrow.scheduler.Reservation("r2", "app", USER, 1, List.of());

    assertThat(SimConversions.toNodeMonitor(ordinary, SCHEDULER, BOOT, "nm-1").forRetry()).isFalse();
  }

  @Test
  void aBoundRetryKeepsItsMarkAndItsTasksAttempt() {
    TaskLaunch second = launch("t0", 2);
    org.sparrow.scheduler.Reservation retry =
        new org.sparrow.scheduler.Reservation("r3", "app", USER, 1, List.of(second), true);

    Reservation converted = SimConversions.toNodeMonitor(retry, SCHEDULER, BOOT, "nm-2");

    assertThat(converted.forRetry()).isTrue();
    assertThat(converted.boundTasks()).singleElement()
        .satisfies(t -> assertThat(t.attempt()).isEqualTo(2));
  }

  @Test
  void fetchedTasksKeepTheirAttempt() {
    FetchedTasks fetched = SimConversions.toNodeMonitor(
        new TaskBatch(List.of(launch("t0", 1), launch("t1", 3)), false));

    assertThat(fetched.tasks()).extracting(org.sparrow.nodemonitor.reservation.TaskLaunch::attempt)
        .containsExactly(1, 3);
    assertThat(fetched.exhausted()).isFalse();
  }

  @Test
  void aReportKeepsTheAttemptItRan() {
    TaskResult report = new TaskResult(new TaskId("t0", "r4", "app", SCHEDULER), TaskState.SUCCEEDED,
        0, 500, "nm-3", "", 40, 2);

    org.sparrow.scheduler.job.TaskResult converted = SimConversions.toScheduler(report);

    assertThat(converted.attempt()).isEqualTo(2);
    assertThat(converted.id()).isEqualTo(new FullTaskId("t0", "r4", "app", SCHEDULER));
    assertThat(converted.nodeMonitorId()).isEqualTo("nm-3");
    assertThat(converted.queuedMicros()).isEqualTo(40);
  }

  private static TaskLaunch launch(String taskId, int attempt) {
    return new TaskLaunch(new FullTaskId(taskId, "r", "app", SCHEDULER), USER,
        SimConversions.encodeDuration(1_000_000), "noop", attempt);
  }
}
