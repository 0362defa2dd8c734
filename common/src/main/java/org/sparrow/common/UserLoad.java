package org.sparrow.common;

/**
 * One user's share of a node monitor (queue policies account slots by user), as the node
 * monitor counts it, {@code getLoad} reports it and the status tools add it up.
 *
 * @param queued  reservation slots waiting in the queue
 * @param running tasks running
 */
public record UserLoad(int queued, int running) {

  public UserLoad plus(UserLoad other) {
    return new UserLoad(queued + other.queued, running + other.running);
  }
}
