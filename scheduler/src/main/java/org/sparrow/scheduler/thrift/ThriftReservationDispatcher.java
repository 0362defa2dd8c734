package org.sparrow.scheduler.thrift;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import org.apache.thrift.TException;
import org.apache.thrift.transport.TTransportException;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.PeerUnreachableException;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.Reservation;
import org.sparrow.scheduler.ReservationDispatcher;
import org.sparrow.scheduler.StopOutcome;
import org.sparrow.scheduler.failure.NodeCallFailedException;
import org.sparrow.common.LoadProbe;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.thrift.LoadWire;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TEnqueueResult;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TStopResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends reservations and cancellations to node monitors over NodeMonitorInternalService, on the
 * daemon's fixed RPC executor, one ordered lane per node monitor. What queued up for a node while
 * its previous call was in flight goes out together: consecutive enqueues (of any jobs) as one
 * enqueueReservations, consecutive cancellations as one cancelReservations. After a
 * connection failure the rest of that node's batch fails at once instead of timing out again.
 * Also answers load probes for policies that ask.
 */
public final class ThriftReservationDispatcher implements ReservationDispatcher, LoadProbe {

  private static final Logger LOG = LoggerFactory.getLogger(ThriftReservationDispatcher.class);
  private static final int MAX_BATCH = 256;

  private sealed interface Op permits Enqueue, Cancel {}

  /** nodeMonitorBootId: the incarnation in the membership entry (another one refuses it). */
  private record Enqueue(Reservation reservation, String nodeMonitorId, String nodeMonitorBootId,
      CompletableFuture<Integer> done) implements Op {}

  private record Cancel(String requestId, String nodeMonitorBootId) implements Op {}

  private final ClientPool<NodeMonitorInternalService.Client> pool;
  private final ExecutorService executor;
  private final HostPort schedulerInternalAddress;
  private final String schedulerBootId;
  private final PeerLanes<Op> lanes;
  private volatile java.util.function.BiConsumer<String, String> draining = (id, boot) -> { };
  private ClientPool<NodeMonitorInternalService.Client> pingPool;
  private Executor pingExecutor;
  private volatile java.util.function.Consumer<Throwable> fatal = org.sparrow.common.Guarded.processFatalPath();

  /**
   * @param schedulerInternalAddress where node monitors call back (SchedulerInternalService)
   * @param schedulerBootId          this scheduler's incarnation, as registered in the directory:
   *                                 stamped on every reservation ("" = unknown, left unset)
   */
  public ThriftReservationDispatcher(ClientPool<NodeMonitorInternalService.Client> pool,
      ExecutorService executor, HostPort schedulerInternalAddress, String schedulerBootId) {
    this.pool = pool;
    this.executor = executor;
    this.schedulerInternalAddress = schedulerInternalAddress;
    this.schedulerBootId = schedulerBootId == null ? "" : schedulerBootId;
    this.lanes = new PeerLanes<>(executor, MAX_BATCH, this::send);
    this.pingPool = pool;
    this.pingExecutor = executor;
  }

  /**
   * Where a fatal error in a call goes besides its future (which alone would keep it). Default:
   * the process's fatal path; a daemon passes its own (several may share a JVM).
   */
  public ThriftReservationDispatcher fatalPath(java.util.function.Consumer<Throwable> fatal) {
    this.fatal = java.util.Objects.requireNonNull(fatal, "fatal");
    return this;
  }

  /** Told (node monitor id, boot id) when a node monitor answers an enqueue as draining. */
  public ThriftReservationDispatcher onDraining(java.util.function.BiConsumer<String, String> listener) {
    this.draining = listener;
    return this;
  }

  /**
   * Liveness pings go through their own pool (short timeouts) and executor, so a frozen node
   * monitor holds neither an RPC thread nor the lanes for a normal timeout.
   */
  public ThriftReservationDispatcher withPings(ClientPool<NodeMonitorInternalService.Client> pool, Executor executor) {
    this.pingPool = pool;
    this.pingExecutor = executor;
    return this;
  }

  @Override
  public CompletionStage<String> ping(NodeMonitorInfo node) {
    return CompletableFuture.supplyAsync(org.sparrow.common.Guarded.supplier(fatal, () -> {
      try {
        TNodeLoad load = pingPool.call(node.internalAddress(), NodeMonitorInternalService.Client::getLoad);
        return BootIdOnWire.of(load);
      } catch (TTransportException e) {
        throw nodeFailure(node.internalAddress(), e);
      } catch (TException e) {
        // It answered, with an error: alive, incarnation unknown.
        LOG.debug("Ping of {} answered with {}", node.id(), e.toString());
        return "";
      }
    }), pingExecutor);
  }

  /** A transport failure, in the core's terms. */
  static NodeCallFailedException nodeFailure(HostPort peer, TTransportException e) {
    return new NodeCallFailedException(peer + ": " + e.getMessage(), e instanceof PeerUnreachableException, e);
  }

  @Override
  public CompletionStage<Integer> enqueue(NodeMonitorInfo node, Reservation reservation) {
    CompletableFuture<Integer> done = new CompletableFuture<>();
    if (!lanes.add(node.internalAddress(), new Enqueue(reservation, node.id(), node.bootId(), done))) {
      done.completeExceptionally(new IllegalStateException("scheduler is shutting down"));
    }
    return done;
  }

  @Override
  public void cancel(NodeMonitorInfo node, String requestId) {
    lanes.add(node.internalAddress(), new Cancel(requestId, node.bootId()));
  }

  @Override
  public void forget(NodeMonitorInfo node) {
    for (Op op : lanes.forget(node.internalAddress())) {
      if (op instanceof Enqueue e) {
        e.done.completeExceptionally(new IllegalStateException("node monitor " + node.id() + " left"));
      }
    }
    pool.forget(node.internalAddress());
  }

  /** Not on the node's lane: a stop must not wait behind queued enqueues, nor they behind it. */
  @Override
  public CompletionStage<List<StopOutcome>> stop(NodeMonitorInfo node, List<FullTaskId> tasks) {
    List<TFullTaskId> wire = tasks.stream().map(WireConversions::fullTaskId).toList();
    return CompletableFuture.supplyAsync(org.sparrow.common.Guarded.supplier(fatal, () -> {
      try {
        List<TStopResult> results = pool.call(node.internalAddress(), c -> c.killTasks(wire));
        return results.stream().map(WireConversions::stopOutcome).toList();
      } catch (TException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }), executor);
  }

  @Override
  public CompletionStage<NodeLoad> probe(NodeMonitorInfo node) {
    return CompletableFuture.supplyAsync(org.sparrow.common.Guarded.supplier(fatal, () -> {
      try {
        return LoadWire.fromWire(pool.call(node.internalAddress(), NodeMonitorInternalService.Client::getLoad));
      } catch (TException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }), executor);
  }

  /**
   * Sends one lane batch in order: each run of consecutive cancellations as one
   * cancelReservations, each run of consecutive enqueues (of any jobs) as one
   * enqueueReservations, so a busy node costs one RPC per run, not one per job.
   */
  private void send(HostPort peer, List<Op> batch) {
    TException unreachable = null;
    List<Cancel> cancels = new ArrayList<>();
    List<Enqueue> enqueues = new ArrayList<>();
    for (Op op : batch) {
      if (op instanceof Cancel c) {
        if (!enqueues.isEmpty()) {
          unreachable = sendEnqueues(peer, enqueues, unreachable);
          enqueues.clear();
        }
        cancels.add(c);
      } else {
        if (!cancels.isEmpty() && unreachable == null) {
          unreachable = sendCancels(peer, cancels);
        }
        cancels.clear();
        enqueues.add((Enqueue) op);
      }
    }
    if (!enqueues.isEmpty()) {
      unreachable = sendEnqueues(peer, enqueues, unreachable);
    }
    if (!cancels.isEmpty() && unreachable == null) {
      sendCancels(peer, cancels);
    }
  }

  /** @return the transport failure that makes the rest of the batch fail at once, if any */
  private TException sendEnqueues(HostPort peer, List<Enqueue> enqueues, TException unreachable) {
    if (unreachable != null) {
      NodeCallFailedException failure = unreachable instanceof TTransportException t ? nodeFailure(peer, t)
          : new NodeCallFailedException(peer + ": " + unreachable.getMessage(), false, unreachable);
      enqueues.forEach(e -> e.done.completeExceptionally(failure));
      return unreachable;
    }
    List<TReservation> wire = new ArrayList<>(enqueues.size());
    for (Enqueue e : enqueues) {
      wire.add(WireConversions.reservation(e.reservation, schedulerInternalAddress, schedulerBootId,
          e.nodeMonitorId)
          .setNodeMonitorBootId(e.nodeMonitorBootId));
    }
    try {
      TEnqueueResult result = pool.call(peer, c -> c.enqueueReservations(wire));
      if (result.isDraining()) {
        // Before the futures complete: their re-placements must already leave the node out.
        draining.accept(enqueues.get(0).nodeMonitorId(),
            result.getNodeMonitorBootId() == null ? "" : result.getNodeMonitorBootId());
      }
      List<Integer> each = result.getAcceptedEach();
      if (each != null && each.size() == enqueues.size()) {
        for (int i = 0; i < enqueues.size(); i++) {
          enqueues.get(i).done.complete(each.get(i));
        }
      } else if (enqueues.size() == 1) {
        enqueues.get(0).done.complete(result.getAccepted());
      } else {
        // A node monitor without per-reservation counts took the whole batch (resending would
        // run bound tasks twice). It discards only reservations of requests cancelled already,
        // whose jobs have launched every task, so counting each as taken changes nothing.
        enqueues.forEach(e -> e.done.complete(e.reservation.count()));
      }
      return null;
    } catch (TTransportException ex) {
      NodeCallFailedException failure = nodeFailure(peer, ex);
      enqueues.forEach(e -> e.done.completeExceptionally(failure));
      return ex;
    } catch (IncompleteRequestException ex) {
      if (enqueues.size() > 1) {
        // The node monitor refused the whole call before queuing any of it, so one job's bad
        // reservation must not fail the others that shared the call: resend each alone.
        return sendEachAlone(peer, enqueues);
      }
      enqueues.get(0).done.completeExceptionally(new IllegalArgumentException(ex.getMessage(), ex));
      return null;
    } catch (TException | RuntimeException ex) {
      enqueues.forEach(e -> e.done.completeExceptionally(ex));
      return null;
    }
  }

  private TException sendEachAlone(HostPort peer, List<Enqueue> enqueues) {
    TException unreachable = null;
    for (Enqueue e : enqueues) {
      unreachable = sendEnqueues(peer, List.of(e), unreachable);
    }
    return unreachable;
  }

  private TException sendCancels(HostPort peer, List<Cancel> run) {
    List<String> ids = run.stream().map(Cancel::requestId).toList();
    // One incarnation per call: if the node re-registered within the run, address any ("").
    String bootId = run.get(0).nodeMonitorBootId();
    for (Cancel c : run) {
      if (!c.nodeMonitorBootId().equals(bootId)) {
        bootId = "";
      }
    }
    String addressed = bootId;
    try {
      pool.run(peer, c -> {
        c.cancelReservations(ids, addressed);
        return null;
      });
      return null;
    } catch (TTransportException e) {
      LOG.debug("Could not cancel {} jobs' reservations on {}: {}", ids.size(), peer, e.toString());
      return e;
    } catch (TException | RuntimeException e) {
      LOG.warn("Cancelling reservations on {} failed", peer, e);
      return null;
    }
  }
}
