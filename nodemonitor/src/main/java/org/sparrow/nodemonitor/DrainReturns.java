package org.sparrow.nodemonitor;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.queue.QueuedReservation;
import org.sparrow.nodemonitor.reservation.Reservation;

/**
 * What a drain does with the queue: late-binding reservations go back to their schedulers,
 * grouped per scheduler incarnation and per the id it knows this node by (one
 * {@link ReservationReturner#returned} call each); bound ones stay (their tasks are already
 * committed to this node). A pure decision.
 *
 * @param kept          bound reservations, to queue again
 * @param returned      request ids per scheduler incarnation, then per node monitor id, in queue order
 * @param slotsReturned slots of the returned reservations
 */
record DrainReturns(List<QueuedReservation> kept, Map<Placer, Map<String, List<String>>> returned,
    int slotsReturned) {

  /** The scheduler that placed a reservation: its address and incarnation ("" = unknown). */
  record Placer(HostPort address, String bootId) {}

  /** One {@link ReservationReturner#returned} call per scheduler incarnation and node monitor id. */
  List<Runnable> calls(ReservationReturner returner) {
    List<Runnable> calls = new ArrayList<>();
    returned.forEach((placer, byId) -> byId.forEach((nodeMonitorId, requestIds) ->
        calls.add(() -> returner.returned(placer.address(), placer.bootId(), nodeMonitorId, requestIds))));
    return calls;
  }

  static DrainReturns of(Collection<QueuedReservation> queued) {
    List<QueuedReservation> kept = new ArrayList<>();
    Map<Placer, Map<String, LinkedHashSet<String>>> byScheduler = new LinkedHashMap<>();
    int slots = 0;
    for (QueuedReservation q : queued) {
      Reservation r = q.reservation();
      if (r.isBound()) {
        kept.add(q);
      } else {
        slots += r.count();
        byScheduler.computeIfAbsent(new Placer(r.schedulerAddress(), r.schedulerBootId()), k -> new LinkedHashMap<>())
            .computeIfAbsent(r.nodeMonitorId(), k -> new LinkedHashSet<>())
            .add(r.requestId());
      }
    }
    Map<Placer, Map<String, List<String>>> returned = new LinkedHashMap<>();
    byScheduler.forEach((scheduler, byId) -> {
      Map<String, List<String>> ids = new LinkedHashMap<>();
      byId.forEach((nodeMonitorId, requestIds) -> ids.put(nodeMonitorId, List.copyOf(requestIds)));
      returned.put(scheduler, ids);
    });
    return new DrainReturns(kept, returned, slots);
  }
}
