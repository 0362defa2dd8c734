package org.sparrow.nodemonitor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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

  /** A queued reservation, how many of its slots are claimed, and its request's other entries. */
  private static final class Node {
    final QueuedReservation entry;
    Node earlierOfSameRequest;
    Node laterOfSameRequest;
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
  /** Entries marked dead by removeRequest but still in {@link #nodes}. */
  private int deadQueued;

  @Override
  public String policy() {
    return POLICY;
  }

  @Override
  public void offer(QueuedReservation entry) {
    Node earlier = newestByRequest.get(entry.requestId());
    Node node = new Node(entry, earlier);
    if (earlier != null) {
      earlier.laterOfSameRequest = node;
    }
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
      unlinkServed(head);
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
        deadQueued++;
      }
    }
    size -= removed;
    compactIfMostlyDead();
    return removed;
  }

  @Override
  public List<QueuedReservation> removeAll() {
    List<QueuedReservation> out = new ArrayList<>();
    for (Node node : nodes) {
      if (!node.dead) {
        out.add(node.taken == 0 ? node.entry : unclaimedPart(node));
      }
    }
    nodes.clear();
    newestByRequest.clear();
    size = 0;
    deadQueued = 0;
    return out;
  }

  private static QueuedReservation unclaimedPart(Node node) {
    Reservation r = node.entry.reservation();
    List<TaskLaunch> bound = r.isBound()
        ? r.boundTasks().subList(node.taken, r.count()) : List.of();
    Reservation rest = new Reservation(r.requestId(), r.appId(), r.user(), r.schedulerAddress(),
        node.remaining(), r.nodeMonitorId(), bound, r.schedulerBootId());
    return new QueuedReservation(rest, node.entry.enqueuedNanos(), node.entry.sequence());
  }

  @Override
  public int size() {
    return size;
  }

  private Node liveHead() {
    Node head = nodes.peekFirst();
    while (head != null && head.dead) {
      nodes.removeFirst();
      deadQueued--;
      head = nodes.peekFirst();
    }
    return head;
  }

  /** Bounds the memory of cancelled entries on a node whose slots stay busy (amortised O(1)). */
  private void compactIfMostlyDead() {
    if (deadQueued > 64 && deadQueued * 2 > nodes.size()) {
      nodes.removeIf(n -> n.dead);
      deadQueued = 0;
    }
  }

  /**
   * Drops a fully served entry from its request's chain. In FIFO order it is the oldest entry
   * of its request, so cutting the link from the next one keeps chains as short as what is
   * queued, even for a request that keeps re-reserving the same node.
   */
  private void unlinkServed(Node node) {
    if (node.laterOfSameRequest != null) {
      node.laterOfSameRequest.earlierOfSameRequest = null;
      node.laterOfSameRequest = null;
    } else {
      newestByRequest.remove(node.entry.requestId(), node);
    }
  }
}
