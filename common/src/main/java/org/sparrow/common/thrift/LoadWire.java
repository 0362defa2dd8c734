package org.sparrow.common.thrift;

import java.util.HashMap;
import java.util.Map;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.UserLoad;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TUserLoad;

/** {@link NodeLoad} on the wire ({@code TNodeLoad}), in one place for every reader and writer. */
public final class LoadWire {

  private LoadWire() {}

  public static TNodeLoad toWire(String nodeMonitorId, NodeLoad load) {
    TNodeLoad t = new TNodeLoad(nodeMonitorId, load.slots(), load.runningTasks(), load.queuedReservations(),
        load.completedTasks())
        .setFetchingSlots(load.fetchingSlots())
        .setFailedTasks(load.failedTasks())
        .setSuspendedTasks(load.suspendedTasks())
        .setPreemptions(load.preemptions());
    if (!load.users().isEmpty()) {
      Map<String, TUserLoad> users = new HashMap<>();
      load.users().forEach((u, l) -> users.put(u, new TUserLoad(l.queued(), l.running())));
      t.setUsers(users);
    }
    return t;
  }

  /** Node monitors that predate the optional fields report them as 0. */
  public static NodeLoad fromWire(TNodeLoad t) {
    Map<String, UserLoad> users = new HashMap<>();
    if (t.isSetUsers()) {
      t.getUsers().forEach((u, l) -> users.put(u, new UserLoad(l.getQueuedReservations(), l.getRunningTasks())));
    }
    return new NodeLoad(t.getSlots(), t.getRunningTasks(), t.isSetFetchingSlots() ? t.getFetchingSlots() : 0,
        t.getQueuedReservations(), t.getCompletedTasks(), t.isSetFailedTasks() ? t.getFailedTasks() : 0, users,
        t.isSetSuspendedTasks() ? t.getSuspendedTasks() : 0, t.isSetPreemptions() ? t.getPreemptions() : 0);
  }
}
