package org.sparrow.nodemonitor.thrift;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import org.sparrow.common.BootIds;
import org.sparrow.nodemonitor.EnqueueOutcome;
import org.sparrow.nodemonitor.NodeMonitorCore;
import org.sparrow.nodemonitor.launch.StopOutcome;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TEnqueueResult;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TStopOutcome;
import org.sparrow.thrift.TStopResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedulers -> this node monitor: wire to records, then the core. Messages addressed to
 * another incarnation of this node monitor (a boot id that is set and is not ours: the
 * scheduler still believes in the process that was on this port before) are refused or ignored
 * here, before the core sees them.
 */
public final class NodeMonitorInternalHandler implements NodeMonitorInternalService.Iface {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitorInternalHandler.class);

  private final NodeMonitorCore core;
  private final Supplier<String> nodeMonitorId;
  private final String bootId;
  private final LongConsumer drain;

  /**
   * @param bootId this node monitor's incarnation
   * @param drain  starts a drain with the given timeout (ms; <= 0 = the configured default)
   */
  public NodeMonitorInternalHandler(NodeMonitorCore core, Supplier<String> nodeMonitorId,
      String bootId, LongConsumer drain) {
    this.core = core;
    this.nodeMonitorId = nodeMonitorId;
    this.bootId = bootId;
    this.drain = drain;
  }

  @Override
  public TEnqueueResult enqueueReservations(List<TReservation> reservations)
      throws IncompleteRequestException {
    if (reservations == null) {
      throw new IncompleteRequestException("reservations list is missing");
    }
    // Reservations for another incarnation get 0 slots (the scheduler re-places them) and do
    // not reach the core; the others keep their positions in acceptedEach.
    List<Reservation> converted = new ArrayList<>(reservations.size());
    boolean[] forUs = new boolean[reservations.size()];
    try {
      for (int i = 0; i < reservations.size(); i++) {
        TReservation t = reservations.get(i);
        Reservation r = WireMapping.toReservation(t);
        forUs[i] = BootIds.matches(t.getNodeMonitorBootId(), bootId);
        if (forUs[i]) {
          converted.add(r);
        } else {
          LOG.debug("Refusing reservation {} addressed to incarnation {} (this is {})",
              r.requestId(), t.getNodeMonitorBootId(), bootId);
        }
      }
      EnqueueOutcome outcome = core.enqueue(converted);
      List<Integer> each = new ArrayList<>(reservations.size());
      int next = 0;
      for (boolean b : forUs) {
        each.add(b ? outcome.acceptedEach()[next++] : 0);
      }
      return new TEnqueueResult(outcome.acceptedSlots(), outcome.queuedSlots())
          .setAcceptedEach(each).setNodeMonitorBootId(bootId).setDraining(core.isDraining());
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
  public void cancelReservations(List<String> requestIds, String nodeMonitorBootId) {
    if (requestIds == null) {
      return;
    }
    if (!BootIds.matches(nodeMonitorBootId, bootId)) {
      // Its reservations went to a process that no longer exists; tombstoning the ids here
      // would only make this incarnation discard reservations the scheduler sends it next.
      LOG.debug("Ignoring a cancel of {} requests addressed to incarnation {} (this is {})",
          requestIds.size(), nodeMonitorBootId, bootId);
      return;
    }
    core.cancel(requestIds);
  }

  @Override
  public TNodeLoad getLoad() {
    return WireMapping.toWire(nodeMonitorId.get(), core.load(), core.userLoads(), core.queuePolicy()).setNodeMonitorBootId(bootId)
        .setDraining(core.isDraining());
  }

  @Override
  public void drain(long timeoutMs) {
    drain.accept(timeoutMs);
  }
}
