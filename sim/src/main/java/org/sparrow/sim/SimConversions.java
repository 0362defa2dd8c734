package org.sparrow.sim;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.FetchedTasks;
import org.sparrow.nodemonitor.TaskResult;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.sparrow.common.UserInfo;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.TaskBatch;

/**
 * What the daemons' Thrift adapters do, without the wire: converts between the scheduler's and
 * the node monitor's plain records. A simulated task carries its duration in its message.
 * Everything the wire carries must survive here too (the retry mark of a reservation and the
 * incarnation of the scheduler that placed it, a task's attempt both ways), or a simulated policy
 * silently runs without it.
 */
final class SimConversions {

  private SimConversions() {}

  static byte[] encodeDuration(long nanos) {
    return ByteBuffer.allocate(Long.BYTES).putLong(nanos).array();
  }

  static long decodeDuration(byte[] message) {
    if (message.length != Long.BYTES) {
      throw new IllegalArgumentException("a simulated task's message is its duration (8 bytes), got "
          + message.length + " bytes");
    }
    return ByteBuffer.wrap(message).getLong();
  }

  /**
   * @param schedulerBootId the incarnation of the scheduler that placed it, as TReservation's
   *                        schedulerBootId carries it (node monitors echo it in getTasks)
   */
  static Reservation toNodeMonitor(org.sparrow.scheduler.Reservation r, HostPort schedulerInternal,
      String schedulerBootId, String nodeMonitorId) {
    List<TaskLaunch> bound = new ArrayList<>(r.boundTasks().size());
    for (org.sparrow.scheduler.TaskLaunch t : r.boundTasks()) {
      bound.add(toNodeMonitor(t));
    }
    return new Reservation(r.requestId(), r.appId(), toNodeMonitor(r.user()), schedulerInternal, r.count(),
        nodeMonitorId, bound, schedulerBootId, r.forRetry());
  }

  static TaskLaunch toNodeMonitor(org.sparrow.scheduler.TaskLaunch t) {
    FullTaskId id = t.id();
    return new TaskLaunch(new TaskId(id.taskId(), id.requestId(), id.appId(), id.schedulerAddress()),
        toNodeMonitor(t.user()), t.message(), t.kind(), t.attempt());
  }

  static FetchedTasks toNodeMonitor(TaskBatch batch) {
    List<TaskLaunch> tasks = new ArrayList<>(batch.tasks().size());
    for (org.sparrow.scheduler.TaskLaunch t : batch.tasks()) {
      tasks.add(toNodeMonitor(t));
    }
    return new FetchedTasks(tasks, batch.exhausted());
  }

  static org.sparrow.scheduler.job.TaskResult toScheduler(TaskResult r) {
    TaskId id = r.taskId();
    return new org.sparrow.scheduler.job.TaskResult(
        new FullTaskId(id.taskId(), id.requestId(), id.appId(), id.schedulerAddress()),
        r.state(), r.exitCode(), r.runMicros(), r.nodeMonitorId(), r.output(),
        r.queuedMicros(), r.attempt(), List.of());
  }

  private static UserInfo toNodeMonitor(UserInfo u) {
    return u == null ? UserInfo.ANONYMOUS : u;
  }
}
