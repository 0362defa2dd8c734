package org.sparrow.scheduler;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.sparrow.common.MembershipListener;
import org.sparrow.common.NodeMonitorInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Node monitor membership events for a scheduler daemon, handed to its timer thread (listeners
 * must not block): a departure is checked with a ping before work is lost, an arrival or update
 * may show a new incarnation that replaced an old one, and may let jobs that wait for a node
 * monitor (no backend of their app yet) start.
 */
final class NodeMonitorEvents implements MembershipListener<NodeMonitorInfo> {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitorEvents.class);

  private final Executor timer;
  private final Scheduler scheduler;
  private final ReservationDispatcher dispatcher;

  NodeMonitorEvents(Executor timer, Scheduler scheduler, ReservationDispatcher dispatcher) {
    this.timer = timer;
    this.scheduler = scheduler;
    this.dispatcher = dispatcher;
  }

  @Override
  public void added(String id, NodeMonitorInfo member) {
    onTimer("the arrival of " + id, () -> {
      scheduler.nodeSeen(member);
      scheduler.membershipChanged();  // jobs waiting for a node monitor may start
    });
  }

  @Override
  public void updated(String id, NodeMonitorInfo member) {
    onTimer("the update of " + id, () -> {
      scheduler.nodeSeen(member);
      scheduler.membershipChanged();  // e.g. a backend registered: jobs waiting for one may start
    });
  }

  @Override
  public void removed(String id, NodeMonitorInfo member) {
    onTimer("the departure of " + id, () -> {
      LOG.info("Node monitor {} left ZooKeeper; checking whether it still answers", id);
      dispatcher.forget(member);
      scheduler.nodeDeparted(member);
    });
  }

  private void onTimer(String what, Runnable work) {
    try {
      timer.execute(() -> {
        try {
          work.run();
        } catch (RuntimeException e) {
          LOG.error("Handling {} failed", what, e);
        }
      });
    } catch (RejectedExecutionException e) {
      LOG.debug("Closing; ignoring {}", what);
    }
  }
}
