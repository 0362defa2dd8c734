package org.sparrow.nodemonitor.queue;

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
  private final UserCounts queuedByUser = new UserCounts();
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
    queuedByUser.add(entry.userName(), entry.reservation().count());
  }

  /** The entry {@link #poll} would serve next (with all its slots, claimed or not); null when empty. */
  public QueuedReservation peek() {
    Node head = liveHead();
    return head == null ? null : head.entry;
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
    queuedByUser.add(head.entry.userName(), -n);
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
        queuedByUser.add(node.entry.userName(), -node.remaining());
        node.dead = true;
        deadQueued++;
      }
    }
    size -= removed;
    compactIfMostlyDead();
    return removed;
  }

  /** FIFO does not count slots in use: running work has no bearing on arrival order. */
  @Override
  public void released(QueuedReservation entry, int slots, ReleaseReason reason) {}

  @Override
  public List<QueuedReservation> removeAll() {
    List<QueuedReservation> all = new ArrayList<>(nodes.size() - deadQueued);
    for (Node n : nodes) {
      if (!n.dead) {
        all.add(n.entry.remainder(n.taken));
      }
    }
    nodes.clear();
    newestByRequest.clear();
    queuedByUser.clear();
    size = 0;
    deadQueued = 0;
    return all;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public Map<String, Integer> queuedByUser() {
    return queuedByUser.snapshot();
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
