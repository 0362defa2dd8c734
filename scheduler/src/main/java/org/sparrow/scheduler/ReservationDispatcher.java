package org.sparrow.scheduler;

import java.util.concurrent.CompletionStage;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.job.FullTaskId;

/**
 * Sends what placement decided to node monitors. The daemon's implementation speaks Thrift on a
 * small fixed executor; tests use a fake. Methods only queue work and never block.
 */
public interface ReservationDispatcher {

  /**
   * Places one job's reservations on one node monitor. The stage yields how many slots the node
   * monitor accepted, or fails if it refused them or could not be reached (then with a
   * {@link org.sparrow.scheduler.failure.NodeCallFailedException}).
   */
  CompletionStage<Integer> enqueue(NodeMonitorInfo node, Reservation reservation);

  /** Drops the job's remaining reservations on the node monitor. Best effort, idempotent. */
  void cancel(NodeMonitorInfo node, String requestId);

  /**
   * A cheap call that only shows the node monitor answers (the liveness check). The stage yields
   * the boot id of the process that answered ("" if it does not say), or fails with a
   * {@link org.sparrow.scheduler.failure.NodeCallFailedException} if none does.
   */
  default CompletionStage<String> ping(NodeMonitorInfo node) {
    return java.util.concurrent.CompletableFuture.completedFuture(node.bootId());
  }

  /**
   * Asks the node monitor to stop these running tasks of a cancelled job. The stage yields one
   * outcome per task, in order, or fails if the node monitor could not be reached.
   */
  default CompletionStage<java.util.List<StopOutcome>> stop(NodeMonitorInfo node, java.util.List<FullTaskId> tasks) {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this dispatcher cannot stop tasks"));
  }

  /** The node monitor left the cluster: stop talking to it. */
  default void forget(NodeMonitorInfo node) {}
}
