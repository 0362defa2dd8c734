package org.sparrow.scheduler;

import org.sparrow.common.UserInfo;

import java.util.List;

/**
 * One job's reservations on one node monitor, as the dispatcher sends them.
 *
 * @param count      slots reserved (bound tasks included)
 * @param boundTasks tasks bound to the node (policies without late binding); usually empty
 * @param forRetry   placed for tasks whose earlier run was lost: node monitors serve it ahead of
 *                   ordinary reservations of the same priority (TReservation.retried)
 */
public record Reservation(String requestId, String appId, UserInfo user, int count,
    List<TaskLaunch> boundTasks, boolean forRetry) {

  public Reservation {
    boundTasks = List.copyOf(boundTasks);
  }

  /** An ordinary reservation (not for a retry). */
  public Reservation(String requestId, String appId, UserInfo user, int count, List<TaskLaunch> boundTasks) {
    this(requestId, appId, user, count, boundTasks, false);
  }
}
