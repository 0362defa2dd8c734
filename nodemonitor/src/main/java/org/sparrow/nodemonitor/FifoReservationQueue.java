package org.sparrow.nodemonitor;

import java.util.ArrayDeque;
import java.util.Iterator;

/** Reservations in arrival order (the original Sparrow's node monitor queue). Not thread-safe. */
public final class FifoReservationQueue implements ReservationQueue {

  public static final String POLICY = "fifo";

  /** A queued reservation and how many of its slots are still unclaimed. */
  private static final class Node {
    final QueuedReservation entry;
    int taken;

    Node(QueuedReservation entry) {
      this.entry = entry;
    }

    int remaining() {
      return entry.reservation().count() - taken;
    }
  }

  private final ArrayDeque<Node> nodes = new ArrayDeque<>();
  private int size;

  @Override
  public String policy() {
    return POLICY;
  }

  @Override
  public void offer(QueuedReservation entry) {
    nodes.addLast(new Node(entry));
    size += entry.reservation().count();
  }

  @Override
  public SlotClaim poll(int maxSlots) {
    if (maxSlots <= 0) {
      throw new IllegalArgumentException("maxSlots must be positive, got " + maxSlots);
    }
    Node head = nodes.peekFirst();
    if (head == null) {
      return null;
    }
    int n = Math.min(maxSlots, head.remaining());
    SlotClaim claim = new SlotClaim(head.entry, head.taken, n);
    head.taken += n;
    size -= n;
    if (head.remaining() == 0) {
      nodes.removeFirst();
    }
    return claim;
  }

  @Override
  public int removeRequest(String requestId) {
    int removed = 0;
    for (Iterator<Node> it = nodes.iterator(); it.hasNext(); ) {
      Node node = it.next();
      // equals, not ==: the original compared ids by reference and so never removed anything.
      if (node.entry.requestId().equals(requestId)) {
        removed += node.remaining();
        it.remove();
      }
    }
    size -= removed;
    return removed;
  }

  @Override
  public int size() {
    return size;
  }
}
