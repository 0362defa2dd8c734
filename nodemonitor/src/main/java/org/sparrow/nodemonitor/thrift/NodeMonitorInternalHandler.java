package org.sparrow.nodemonitor.thrift;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.sparrow.nodemonitor.EnqueueOutcome;
import org.sparrow.nodemonitor.NodeMonitorCore;
import org.sparrow.nodemonitor.Reservation;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TEnqueueResult;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TReservation;

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

  @Override
  public void cancelReservations(List<String> requestIds) {
    if (requestIds != null) {
      core.cancel(requestIds);
    }
  }

  @Override
  public TNodeLoad getLoad() {
    return WireMapping.toWire(nodeMonitorId.get(), core.load(), core.userLoads(), core.queuePolicy());
  }
}
