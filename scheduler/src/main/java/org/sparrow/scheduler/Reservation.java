package org.sparrow.scheduler;

import org.sparrow.common.UserInfo;

import java.util.List;

/**
 * One job's reservations on one node monitor, as the dispatcher sends them.
 *
 * @param count      slots reserved (bound tasks included)
 * @param boundTasks tasks bound to the node (policies without late binding); usually empty
 */
public record Reservation(String requestId, String appId, UserInfo user, int count,
    List<TaskLaunch> boundTasks) {

  public Reservation {
    boundTasks = List.copyOf(boundTasks);
  }
}
