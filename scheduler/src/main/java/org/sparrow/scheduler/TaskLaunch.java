package org.sparrow.scheduler;

import org.sparrow.common.UserInfo;
import org.sparrow.scheduler.job.FullTaskId;

/**
 * A task handed to a node monitor (answer to getTasks, or bound in a reservation).
 *
 * @param attempt which run of the task this is (1 = first); node monitors echo it in their report
 */
public record TaskLaunch(FullTaskId id, UserInfo user, byte[] message, String kind, int attempt) {

  public TaskLaunch(FullTaskId id, UserInfo user, byte[] message, String kind) {
    this(id, user, message, kind, 1);
  }
}
