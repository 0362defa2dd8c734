package org.sparrow.scheduler.thrift;

import org.sparrow.thrift.TNodeLoad;

/**
 * Where the wire carries a node monitor's boot id. One place, so the fields node monitors add
 * (TNodeLoad, TGetTasksRequest, TTaskResult: ids 30-39) are read the same way everywhere; ""
 * = unknown (an older node monitor), which matches any incarnation.
 */
final class BootIdOnWire {

  private BootIdOnWire() {}

  static String of(TNodeLoad load) {
    return "";  // TNodeLoad.nodeMonitorBootId once node monitors send it
  }
}
