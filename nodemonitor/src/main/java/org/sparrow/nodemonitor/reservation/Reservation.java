package org.sparrow.nodemonitor.reservation;

import org.sparrow.common.UserInfo;

import java.util.List;
import org.sparrow.common.HostPort;

/**
 * A request's claim on {@code count} slots of this node monitor (the wire's TReservation).
 * Validated on construction; the message names the bad field.
 *
 * @param schedulerAddress the scheduler's SchedulerInternalService (getTasks, tasksFinished)
 * @param nodeMonitorId    the id the scheduler knows this node monitor by; echoed verbatim
 * @param boundTasks       tasks already bound (policies without late binding), one per slot,
 *                         run in order without asking the scheduler; empty for late binding
 * @param schedulerBootId  the incarnation of the scheduler that placed it ("" = unknown), echoed
 *                         in getTasks so a restarted scheduler can tell its own requests
 * @param forRetry         placed for a task whose earlier run was lost (TReservation.retried):
 *                         every queue policy serves it ahead of ordinary reservations of the
 *                         same priority (and user, where it shares by user)
 */
public record Reservation(
    String requestId,
    String appId,
    UserInfo user,
    HostPort schedulerAddress,
    int count,
    String nodeMonitorId,
    List<TaskLaunch> boundTasks,
    String schedulerBootId,
    boolean forRetry) {

  /** Larger counts are refused as nonsense rather than queued. */
  public static final int MAX_COUNT = 100_000;

  public Reservation {
    if (requestId == null || requestId.isEmpty()) {
      throw new IllegalArgumentException("reservation has no requestId");
    }
    if (appId == null || appId.isEmpty()) {
      throw new IllegalArgumentException("reservation " + requestId + " has no appId");
    }
    if (user == null) {
      throw new IllegalArgumentException("reservation " + requestId + " has no user");
    }
    if (schedulerAddress == null) {
      throw new IllegalArgumentException("reservation " + requestId + " has no schedulerAddress");
    }
    if (count <= 0 || count > MAX_COUNT) {
      throw new IllegalArgumentException("reservation " + requestId + " has count " + count
          + "; must be 1.." + MAX_COUNT);
    }
    if (nodeMonitorId == null || nodeMonitorId.isEmpty()) {
      throw new IllegalArgumentException("reservation " + requestId + " has no nodeMonitorId");
    }
    boundTasks = boundTasks == null ? List.of() : List.copyOf(boundTasks);
    if (!boundTasks.isEmpty() && boundTasks.size() != count) {
      throw new IllegalArgumentException("reservation " + requestId + " has count " + count
          + " but " + boundTasks.size() + " boundTasks; they must be equal");
    }
    schedulerBootId = schedulerBootId == null ? "" : schedulerBootId;
  }

  /** An ordinary reservation (not for a retry). */
  public Reservation(String requestId, String appId, UserInfo user, HostPort schedulerAddress,
      int count, String nodeMonitorId, List<TaskLaunch> boundTasks, String schedulerBootId) {
    this(requestId, appId, user, schedulerAddress, count, nodeMonitorId, boundTasks, schedulerBootId, false);
  }

  /** A reservation of a scheduler of unknown incarnation. */
  public Reservation(String requestId, String appId, UserInfo user, HostPort schedulerAddress,
      int count, String nodeMonitorId, List<TaskLaunch> boundTasks) {
    this(requestId, appId, user, schedulerAddress, count, nodeMonitorId, boundTasks, "");
  }

  /** A late-binding reservation (tasks are fetched from the scheduler when slots free). */
  public static Reservation lateBinding(String requestId, String appId, UserInfo user,
      HostPort schedulerAddress, int count, String nodeMonitorId) {
    return new Reservation(requestId, appId, user, schedulerAddress, count, nodeMonitorId, List.of());
  }

  /** The same request's claim on one slot per task, with these tasks bound (tasks handed out late). */
  public Reservation boundTo(List<TaskLaunch> tasks) {
    return new Reservation(requestId, appId, user, schedulerAddress, tasks.size(), nodeMonitorId, tasks,
        schedulerBootId, forRetry);
  }

  /** The same reservation with {@code count} slots and these bound tasks (empty: late binding). */
  public Reservation withSlots(int count, List<TaskLaunch> tasks) {
    return new Reservation(requestId, appId, user, schedulerAddress, count, nodeMonitorId, tasks,
        schedulerBootId, forRetry);
  }

  /** The same reservation, marked as placed for a retry. */
  public Reservation withForRetry(boolean retry) {
    return new Reservation(requestId, appId, user, schedulerAddress, count, nodeMonitorId, boundTasks,
        schedulerBootId, retry);
  }

  public boolean isBound() {
    return !boundTasks.isEmpty();
  }
}
