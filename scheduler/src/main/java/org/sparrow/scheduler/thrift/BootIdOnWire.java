package org.sparrow.scheduler.thrift;

import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TTaskResult;

/**
 * Where the wire carries a node monitor's boot id (fields 30 of TNodeLoad, TGetTasksRequest,
 * TTaskResult) or the scheduler's (fields 31 of TGetTasksRequest, TTaskResult), read the same way everywhere:
 * "" = unknown (an older peer), which matches any incarnation.
 */
final class BootIdOnWire {

  private BootIdOnWire() {}

  static String of(TNodeLoad load) {
    return orEmpty(load.isSetNodeMonitorBootId() ? load.getNodeMonitorBootId() : null);
  }

  static String of(TGetTasksRequest request) {
    return orEmpty(request.isSetNodeMonitorBootId() ? request.getNodeMonitorBootId() : null);
  }

  /** The scheduler incarnation that placed the reservation (TGetTasksRequest field 31). */
  static String schedulerOf(TGetTasksRequest request) {
    return orEmpty(request.isSetSchedulerBootId() ? request.getSchedulerBootId() : null);
  }

  static String of(TTaskResult result) {
    return orEmpty(result.isSetNodeMonitorBootId() ? result.getNodeMonitorBootId() : null);
  }

  /** The scheduler incarnation whose reservation ran the task (TTaskResult field 31). */
  static String schedulerOf(TTaskResult result) {
    return orEmpty(result.isSetSchedulerBootId() ? result.getSchedulerBootId() : null);
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
