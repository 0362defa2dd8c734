package org.sparrow.scheduler.thrift;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.TException;
import org.sparrow.common.HostPort;
import org.sparrow.common.NamedThreads;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.TEnqueueResult;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TStopOutcome;
import org.sparrow.thrift.TStopResult;
import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.TGetTasksResponse;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TTaskLaunch;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.TTaskState;

/**
 * A node monitor reduced to its protocol: a real NodeMonitorInternalService server that records
 * reservations and cancellations and, unless {@code lazy}, uses each reservation like the real
 * one: asks the scheduler's internal port for a task (getTasks), "runs" it, reports it
 * (tasksFinished). A lazy one holds reservations and never asks.
 */
final class FakeNodeMonitor implements AutoCloseable {

  final List<TReservation> reservations = new CopyOnWriteArrayList<>();
  final List<String> cancels = new CopyOnWriteArrayList<>();
  final List<String> ran = new CopyOnWriteArrayList<>();
  /** Reservations per enqueueReservations call, in call order. */
  final List<Integer> enqueueCalls = new CopyOnWriteArrayList<>();
  private volatile CountDownLatch holdFirst = new CountDownLatch(0);
  /** Whether to answer with per-reservation counts, as the real node monitor does. */
  private volatile boolean countsEach;
  private final Set<String> doneWith = ConcurrentHashMap.newKeySet();
  private final AtomicInteger queued = new AtomicInteger();
  private final boolean lazy;
  private final ExecutorService slots = Executors.newFixedThreadPool(2, NamedThreads.daemon("fake-nm-slot"));
  private final ClientPool<SchedulerInternalService.Client> schedulers =
      ClientPool.builder(SchedulerInternalService.Client::new).build();
  private final ThriftServer server;
  private final Map<String, String> attributes;

  FakeNodeMonitor(boolean lazy, Map<String, String> attributes) throws IOException {
    this.lazy = lazy;
    this.attributes = attributes;
    this.server = ThriftServer.builder("fake-nm", new NodeMonitorInternalService.Processor<>(new Handler()))
        .bindHost("127.0.0.1").port(0).workerThreads(2).build().start();
  }

  /** The next enqueueReservations call waits until the returned latch is counted down. */
  CountDownLatch holdNextEnqueue() {
    holdFirst = new CountDownLatch(1);
    return holdFirst;
  }

  FakeNodeMonitor countingEach() {
    countsEach = true;
    return this;
  }

  NodeMonitorInfo info() {
    HostPort a = server.address();
    return new NodeMonitorInfo(a.toString(), a.host(), a.port(), 0, 2, attributes, Set.of("app"), false);
  }

  private final class Handler implements NodeMonitorInternalService.Iface {
    @Override
    public TEnqueueResult enqueueReservations(List<TReservation> rs) {
      enqueueCalls.add(rs.size());
      CountDownLatch hold = holdFirst;
      holdFirst = new CountDownLatch(0);
      try {
        if (!hold.await(30, TimeUnit.SECONDS)) {
          throw new IllegalStateException("test never released the held enqueue");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      int accepted = 0;
      List<Integer> each = new ArrayList<>();
      for (TReservation r : rs) {
        each.add(r.getCount());
        reservations.add(r);
        accepted += r.getCount();
        if (!lazy) {
          for (int i = 0; i < r.getCount(); i++) {
            queued.incrementAndGet();
            slots.execute(() -> use(r));
          }
        }
      }
      TEnqueueResult result = new TEnqueueResult(accepted, queued.get());
      return countsEach ? result.setAcceptedEach(each) : result;
    }

    @Override
    public List<TStopResult> killTasks(List<TFullTaskId> tasks) {
      return tasks.stream().map(t -> new TStopResult(t, TStopOutcome.NOT_RUNNING)).toList();
    }

    @Override
    public void cancelReservations(List<String> requestIds, String nodeMonitorBootId) {
      cancels.addAll(requestIds);
      doneWith.addAll(requestIds);
    }

    @Override
    public void drain(long timeoutMs) {
      throw new UnsupportedOperationException();
    }

    @Override
    public TNodeLoad getLoad() {
      return new TNodeLoad(info().id(), 2, 0, queued.get(), ran.size());
    }
  }

  private void use(TReservation r) {
    queued.decrementAndGet();
    if (doneWith.contains(r.getRequestId())) {
      return;
    }
    HostPort scheduler = new HostPort(r.getSchedulerAddress().getHost(), r.getSchedulerAddress().getPort());
    try {
      TGetTasksResponse resp = schedulers.call(scheduler,
          c -> c.getTasks(new TGetTasksRequest(r.getRequestId(), r.getNodeMonitorId(), 1)));
      if (resp.isExhausted()) {
        doneWith.add(r.getRequestId());
      }
      for (TTaskLaunch t : resp.getTasks()) {
        ran.add(t.getTaskId().getTaskId());
        TTaskResult result = new TTaskResult(t.getTaskId(), TTaskState.SUCCEEDED, 0, 42,
            r.getNodeMonitorId(), 7);
        result.setOutput("ran " + t.getKind());
        schedulers.run(scheduler, c -> {
          c.tasksFinished(List.of(result));
          return null;
        });
      }
    } catch (TException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
    slots.shutdownNow();
    schedulers.close();
  }
}
