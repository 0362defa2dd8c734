package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.failure.NodeCallFailedException;
import org.sparrow.scheduler.job.FullTaskId;

/**
 * Records what the scheduler sends and keeps, per node, the reservations each job holds there
 * (as a node monitor would: enqueue adds, cancel and exhausted answers remove). Enqueues to
 * nodes matching {@link #failWhen} fail synchronously.
 */
final class FakeDispatcher implements ReservationDispatcher {

  record Sent(String nodeId, Reservation reservation) {}

  final List<Sent> enqueues = new ArrayList<>();
  final List<Sent> failedEnqueues = new ArrayList<>();
  final Map<String, List<String>> cancels = new LinkedHashMap<>();
  /** node -> requestId -> reservations held. */
  final Map<String, Map<String, Integer>> held = new LinkedHashMap<>();
  Predicate<String> failWhen = node -> false;
  /** Enqueues and pings to these nodes fail as a refused connection would (nothing listens). */
  Predicate<String> refuseWhen = node -> false;
  /** Pings to these nodes time out (a frozen node monitor). */
  Predicate<String> pingTimesOut = node -> false;
  final List<String> pings = new ArrayList<>();
  /** The incarnation answering pings at a node's address (default: the one in its info). */
  final Map<String, String> bootIds = new java.util.HashMap<>();

  @Override
  public synchronized CompletionStage<Integer> enqueue(NodeMonitorInfo node, Reservation r) {
    if (refuseWhen.test(node.id())) {
      failedEnqueues.add(new Sent(node.id(), r));
      return CompletableFuture.failedFuture(refused(node));
    }
    if (failWhen.test(node.id())) {
      failedEnqueues.add(new Sent(node.id(), r));
      return CompletableFuture.failedFuture(new java.io.IOException("connection refused by " + node.id()));
    }
    enqueues.add(new Sent(node.id(), r));
    held.computeIfAbsent(node.id(), k -> new LinkedHashMap<>()).merge(r.requestId(), r.count(), Integer::sum);
    return CompletableFuture.completedFuture(r.count());
  }

  @Override
  public synchronized CompletionStage<String> ping(NodeMonitorInfo node) {
    pings.add(node.id());
    if (refuseWhen.test(node.id())) {
      return CompletableFuture.failedFuture(refused(node));
    }
    if (pingTimesOut.test(node.id())) {
      return CompletableFuture.failedFuture(new NodeCallFailedException("read timed out", false, null));
    }
    return CompletableFuture.completedFuture(bootIds.getOrDefault(node.id(), node.bootId()));
  }

  private static NodeCallFailedException refused(NodeMonitorInfo node) {
    return new NodeCallFailedException("connection refused by " + node.id(), true, null);
  }

  @Override
  public synchronized void cancel(NodeMonitorInfo node, String requestId) {
    cancels.computeIfAbsent(node.id(), k -> new ArrayList<>()).add(requestId);
    Map<String, Integer> h = held.get(node.id());
    if (h != null) {
      h.remove(requestId);
    }
  }

  /** node -> tasks it was asked to stop (job control). */
  final Map<String, List<FullTaskId>> stops = new LinkedHashMap<>();
  /** How a node monitor answers a stop; a null answer fails the call (node unreachable). */
  java.util.function.Function<FullTaskId, StopOutcome> stopAnswer = t -> StopOutcome.INTERRUPTED;

  @Override
  public synchronized CompletionStage<List<StopOutcome>> stop(NodeMonitorInfo node, List<FullTaskId> tasks) {
    stops.computeIfAbsent(node.id(), k -> new ArrayList<>()).addAll(tasks);
    List<StopOutcome> out = new ArrayList<>();
    for (FullTaskId t : tasks) {
      StopOutcome o = stopAnswer.apply(t);
      if (o == null) {
        return CompletableFuture.failedFuture(refused(node));
      }
      out.add(o);
    }
    return CompletableFuture.completedFuture(out);
  }

  synchronized Set<String> nodesEnqueuedFor(String requestId) {
    Set<String> out = new HashSet<>();
    enqueues.stream().filter(s -> s.reservation().requestId().equals(requestId)).forEach(s -> out.add(s.nodeId()));
    return out;
  }

  synchronized Set<String> nodesCancelledFor(String requestId) {
    Set<String> out = new HashSet<>();
    cancels.forEach((node, ids) -> {
      if (ids.contains(requestId)) {
        out.add(node);
      }
    });
    return out;
  }

  /** A snapshot of every {node id, request id} that holds reservations now, in placement order. */
  synchronized List<String[]> holdings() {
    List<String[]> out = new ArrayList<>();
    held.forEach((node, byJob) -> byJob.forEach((job, n) -> out.add(new String[] {node, job})));
    return out;
  }

  synchronized int heldBy(String nodeId, String requestId) {
    return held.getOrDefault(nodeId, Map.of()).getOrDefault(requestId, 0);
  }

  /** Asks for tasks the way a node monitor does, and forgets reservations it used or lost. */
  TaskBatch ask(Scheduler s, String nodeId, String requestId, int max) {
    TaskBatch b = s.getTasks(requestId, nodeId, max);
    synchronized (this) {
      Map<String, Integer> h = held.computeIfAbsent(nodeId, k -> new LinkedHashMap<>());
      int left = h.getOrDefault(requestId, 0) - b.tasks().size();
      if (b.exhausted() || left <= 0) {
        h.remove(requestId);
      } else {
        h.put(requestId, left);
      }
    }
    return b;
  }
}
