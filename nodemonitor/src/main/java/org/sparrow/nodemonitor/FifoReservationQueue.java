package org.sparrow.nodemonitor;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Reservations in arrival order (the original Sparrow's node monitor queue). Not thread-safe.
 *
 * <p>Cancelling a request costs O(its entries here), not O(queue): proactive cancellation sends
 * one cancel per launched job to every node that still holds its reservations, so under a
 * backlog of thousands of reservations a scan per cancel would make throughput collapse exactly
 * when the cluster is busiest. Removed entries are marked dead and dropped lazily at the head.
 */
public final class FifoReservationQueue implements ReservationQueue {

  public static final String POLICY = "fifo";

  /** A queued reservation, how many of its slots are claimed, and the request's previous entry. */
  private static final class Node {
    final QueuedReservation entry;
    final Node earlierOfSameRequest;
    int taken;
    boolean dead;

    Node(QueuedReservation entry, Node earlierOfSameRequest) {
      this.entry = entry;
      this.earlierOfSameRequest = earlierOfSameRequest;
    }

    int remaining() {
      return entry.reservation().count() - taken;
    }
  }

  private final ArrayDeque<Node> nodes = new ArrayDeque<>();
  /** Newest live-or-dead entry per request; its chain reaches the request's older entries. */
  private final Map<String, Node> newestByRequest = new HashMap<>();
  private int size;

  @Override
  public String policy() {
    return POLICY;
  }

  @Override
  public void offer(QueuedReservation entry) {
    Node node = new Node(entry, newestByRequest.get(entry.requestId()));
    newestByRequest.put(entry.requestId(), node);
    nodes.addLast(node);
    size += entry.reservation().count();
  }

  @Override
  public SlotClaim poll(int maxSlots) {
    if (maxSlots <= 0) {
      throw new IllegalArgumentException("maxSlots must be positive, got " + maxSlots);
    }
    Node head = liveHead();
    if (head == null) {
      return null;
    }
    int n = Math.min(maxSlots, head.remaining());
    SlotClaim claim = new SlotClaim(head.entry, head.taken, n);
    head.taken += n;
    size -= n;
    if (head.remaining() == 0) {
      nodes.removeFirst();
      head.dead = true;
      forgetIfNewest(head);
    }
    return claim;
  }

  @Override
  public int removeRequest(String requestId) {
    // equals (a hash lookup), not ==: the original compared ids by reference and never removed anything.
    Node node = newestByRequest.remove(requestId);
    int removed = 0;
    for (; node != null; node = node.earlierOfSameRequest) {
      if (!node.dead) {
        removed += node.remaining();
        node.dead = true;
      }
    }
    size -= removed;
    return removed;
  }

  @Override
  public int size() {
    return size;
  }

  private Node liveHead() {
    Node head = nodes.peekFirst();
    while (head != null && head.dead) {
      nodes.removeFirst();
      head = nodes.peekFirst();
    }
    return head;
  }

  private void forgetIfNewest(Node node) {
    // Only the newest entry is in the map; an older one is reachable only through newer ones,
    // and those are still queued behind it, so nothing leaks.
    newestByRequest.remove(node.entry.requestId(), node);
  }
}
