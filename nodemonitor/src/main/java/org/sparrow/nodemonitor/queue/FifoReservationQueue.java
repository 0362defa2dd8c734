package org.sparrow.nodemonitor.queue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reservations in arrival order (the original Sparrow's node monitor queue), except that
 * reservations placed for a retry ({@link QueuedReservation#forRetry}) come first, in their own
 * arrival order: a retried task has already paid for a lost run, and the ordinary reservations
 * it overtakes belong to jobs that have not. Retries are few (one per task lost to a failure),
 * so they cannot starve the rest for long. Not thread-safe.
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

  /** Reservations for retries, served before {@link #ordinary}. */
  private final ArrayDeque<Node> retries = new ArrayDeque<>();
  private final ArrayDeque<Node> ordinary = new ArrayDeque<>();
  /** Newest live-or-dead entry per request; its chain reaches the request's older entries. */
  private final Map<String, Node> newestByRequest = new HashMap<>();
  private final UserCounts queuedByUser = new UserCounts();
  private int size;
  /** Entries marked dead by removeRequest but still in {@link #retries} or {@link #ordinary}. */
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
    (entry.forRetry() ? retries : ordinary).addLast(node);
    size += entry.reservation().count();
    queuedByUser.add(entry.userName(), entry.reservation().count());
  }

  /** The entry {@link #poll} would serve next (with all its slots, claimed or not); null when empty. */
  public QueuedReservation peek() {
    ArrayDeque<Node> lane = servingLane();
    return lane == null ? null : lane.peekFirst().entry;
  }

  /**
   * The arrival number of the oldest queued entry, retries or not (a retry served first is
   * usually the younger): what a fair-share policy breaks ties between users by, so that a
   * retry reorders its own user's reservations only. {@code Long.MAX_VALUE} when empty.
   */
  public long oldestSequence() {
    Node r = liveHead(retries);
    Node o = liveHead(ordinary);
    return Math.min(r == null ? Long.MAX_VALUE : r.entry.sequence(), o == null ? Long.MAX_VALUE : o.entry.sequence());
  }

  @Override
  public SlotClaim poll(int maxSlots) {
    if (maxSlots <= 0) {
      throw new IllegalArgumentException("maxSlots must be positive, got " + maxSlots);
    }
    ArrayDeque<Node> lane = servingLane();
    if (lane == null) {
      return null;
    }
    Node head = lane.peekFirst();
    int n = Math.min(maxSlots, head.remaining());
    SlotClaim claim = new SlotClaim(head.entry, head.taken, n);
    head.taken += n;
    size -= n;
    queuedByUser.add(head.entry.userName(), -n);
    if (head.remaining() == 0) {
      lane.removeFirst();
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
    List<QueuedReservation> all = new ArrayList<>(retries.size() + ordinary.size() - deadQueued);
    for (ArrayDeque<Node> lane : List.of(retries, ordinary)) {
      for (Node n : lane) {
        if (!n.dead) {
          all.add(n.entry.remainder(n.taken));
        }
      }
      lane.clear();
    }
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

  /** The lane whose live head is served next (retries first), dead heads dropped; null when empty. */
  private ArrayDeque<Node> servingLane() {
    if (liveHead(retries) != null) {
      return retries;
    }
    return liveHead(ordinary) != null ? ordinary : null;
  }

  private Node liveHead(ArrayDeque<Node> lane) {
    Node head = lane.peekFirst();
    while (head != null && head.dead) {
      lane.removeFirst();
      deadQueued--;
      head = lane.peekFirst();
    }
    return head;
  }

  /** Bounds the memory of cancelled entries on a node whose slots stay busy (amortised O(1)). */
  private void compactIfMostlyDead() {
    if (deadQueued > 64 && deadQueued * 2 > retries.size() + ordinary.size()) {
      retries.removeIf(n -> n.dead);
      ordinary.removeIf(n -> n.dead);
      deadQueued = 0;
    }
  }

  /**
   * Drops a fully served entry from its request's chain, so chains stay as short as what is
   * queued, even for a request that keeps re-reserving the same node. Usually it is the oldest
   * entry of its request; a retry's entry served ahead of the request's ordinary ones is not.
   */
  private void unlinkServed(Node node) {
    Node earlier = node.earlierOfSameRequest;
    Node later = node.laterOfSameRequest;
    if (earlier != null) {
      earlier.laterOfSameRequest = later;
    }
    if (later != null) {
      later.earlierOfSameRequest = earlier;
    } else if (earlier != null) {
      newestByRequest.replace(node.entry.requestId(), node, earlier);
    } else {
      newestByRequest.remove(node.entry.requestId(), node);
    }
    node.earlierOfSameRequest = null;
    node.laterOfSameRequest = null;
  }
}
