package org.sparrow.common.thrift;

import org.sparrow.common.NodeLoad;
import org.sparrow.thrift.TNodeLoad;

/** {@link NodeLoad} on the wire ({@code TNodeLoad}), in one place for every reader and writer. */
public final class LoadWire {

  private LoadWire() {}

  public static TNodeLoad toWire(String nodeMonitorId, NodeLoad load) {
    return new TNodeLoad(nodeMonitorId, load.slots(), load.runningTasks(), load.queuedReservations(),
        load.completedTasks())
        .setFetchingSlots(load.fetchingSlots())
        .setFailedTasks(load.failedTasks());
  }

  /** Node monitors that predate the optional fields report them as 0. */
  public static NodeLoad fromWire(TNodeLoad t) {
    return new NodeLoad(t.getSlots(), t.getRunningTasks(), t.isSetFetchingSlots() ? t.getFetchingSlots() : 0,
        t.getQueuedReservations(), t.getCompletedTasks(), t.isSetFailedTasks() ? t.getFailedTasks() : 0);
  }
}
