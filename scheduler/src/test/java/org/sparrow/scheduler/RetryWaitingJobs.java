package org.sparrow.scheduler;

import org.sparrow.common.MembershipListener;
import org.sparrow.common.NodeMonitorInfo;

/**
 * What the daemon's {@link NodeMonitorEvents} does for admission, without its timer thread:
 * every arrival or update of a node monitor lets jobs waiting for one (no backend of their app
 * yet) try again.
 */
final class RetryWaitingJobs implements MembershipListener<NodeMonitorInfo> {

  private final Scheduler scheduler;

  RetryWaitingJobs(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void added(String id, NodeMonitorInfo member) {
    scheduler.membershipChanged();
  }

  @Override
  public void updated(String id, NodeMonitorInfo member) {
    scheduler.membershipChanged();
  }

  @Override
  public void removed(String id, NodeMonitorInfo member) {}
}
