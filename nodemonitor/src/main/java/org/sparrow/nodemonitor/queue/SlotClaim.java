package org.sparrow.nodemonitor.queue;

import java.util.List;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/**
 * Slots taken from the head of the queue, all of one reservation: slots
 * [firstSlot, firstSlot + slots) of its {@code count}.
 */
public record SlotClaim(QueuedReservation entry, int firstSlot, int slots) {

  public SlotClaim {
    if (slots <= 0 || firstSlot < 0 || firstSlot + slots > entry.reservation().count()) {
      throw new IllegalArgumentException("claim of slots " + firstSlot + "+" + slots
          + " is outside reservation count " + entry.reservation().count());
    }
  }

  public Reservation reservation() {
    return entry.reservation();
  }

  /** The bound tasks these slots run (empty for late binding). */
  public List<TaskLaunch> boundTasks() {
    Reservation r = entry.reservation();
    return r.isBound() ? r.boundTasks().subList(firstSlot, firstSlot + slots) : List.of();
  }

  /** These slots as a reservation of their own (to queue them again, at the back). */
  public Reservation asReservation() {
    return entry.reservation().withSlots(slots, boundTasks());
  }
}
