package org.sparrow.nodemonitor.thrift;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.sparrow.nodemonitor.EnqueueOutcome;
import org.sparrow.nodemonitor.NodeMonitorCore;
import org.sparrow.nodemonitor.Reservation;
import org.sparrow.nodemonitor.StopOutcome;
import org.sparrow.nodemonitor.TaskId;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TEnqueueResult;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TStopOutcome;
import org.sparrow.thrift.TStopResult;

/** Schedulers -> this node monitor: wire to records, then the core. */
public final class NodeMonitorInternalHandler implements NodeMonitorInternalService.Iface {

  private final NodeMonitorCore core;
  private final Supplier<String> nodeMonitorId;

  public NodeMonitorInternalHandler(NodeMonitorCore core, Supplier<String> nodeMonitorId) {
    this.core = core;
    this.nodeMonitorId = nodeMonitorId;
  }

  @Override
  public TEnqueueResult enqueueReservations(List<TReservation> reservations)
      throws IncompleteRequestException {
    if (reservations == null) {
      throw new IncompleteRequestException("reservations list is missing");
    }
    List<Reservation> converted = new ArrayList<>(reservations.size());
    try {
      for (TReservation t : reservations) {
        converted.add(WireMapping.toReservation(t));
      }
      EnqueueOutcome outcome = core.enqueue(converted);
      List<Integer> each = new ArrayList<>(outcome.acceptedEach().length);
      for (int n : outcome.acceptedEach()) {
        each.add(n);
      }
      return new TEnqueueResult(outcome.acceptedSlots(), outcome.queuedSlots()).setAcceptedEach(each);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new IncompleteRequestException(e.getMessage());
    }
  }

  /** Non-blocking: stopping a task only interrupts its thread (a command's tree dies as it unwinds). */
  @Override
  public List<TStopResult> killTasks(List<TFullTaskId> tasks) {
    List<TStopResult> out = new ArrayList<>();
    if (tasks == null) {
      return out;
    }
    List<TaskId> ids = new ArrayList<>(tasks.size());
    tasks.forEach(t -> ids.add(WireMapping.toTaskIdOrNull(t)));
    List<StopOutcome> outcomes = core.stop(ids);
    for (int i = 0; i < tasks.size(); i++) {
      out.add(new TStopResult(tasks.get(i), TStopOutcome.valueOf(outcomes.get(i).name())));
    }
    return out;
  }

  @Override
  public void cancelReservations(List<String> requestIds) {
    if (requestIds != null) {
      core.cancel(requestIds);
    }
  }

  @Override
  public TNodeLoad getLoad() {
    return WireMapping.toWire(nodeMonitorId.get(), core.load());
  }
}
