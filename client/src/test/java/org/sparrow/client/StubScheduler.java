package org.sparrow.client;

import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.THostPort;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.TTaskSpec;
import org.sparrow.thrift.TTaskState;
import org.sparrow.thrift.typesConstants;

/**
 * A scheduler on a real loopback port that counts submits and either finishes every task at
 * once (notifying the frontend before it answers) or holds the submit until {@link #close}.
 */
final class StubScheduler extends SchedulerServiceStub implements AutoCloseable {

  final AtomicInteger submits = new AtomicInteger();
  /** The idempotency key of every submit, in order. */
  final java.util.List<String> keys = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Set: answers the submit with an id but sends no notices (the job runs "for ever"). */
  volatile boolean holdResults;
  /** Set: finishes only these tasks (notifying the frontend), the others run "for ever". */
  volatile java.util.Set<String> finishOnly;
  /** The task ids of every submit, in order. */
  final java.util.List<java.util.List<String>> taskIdsOfSubmits = new java.util.concurrent.CopyOnWriteArrayList<>();
  /** Set: refuses every submit as a draining scheduler does. */
  volatile boolean draining;
  /** How far this scheduler's clock is ahead of the machine's. */
  volatile long clockOffsetMs;
  /** Set: status checks are not answered until the stub is closed, as by a frozen scheduler. */
  volatile boolean frozenStatus;
  final AtomicInteger statusChecks = new AtomicInteger();
  /** Per submit: its deadline minus this scheduler's clock when it arrived. */
  final java.util.List<Long> deadlineLeadMs = new java.util.concurrent.CopyOnWriteArrayList<>();
  final java.util.List<String> cancelled = new java.util.concurrent.CopyOnWriteArrayList<>();
  private final String name;
  private final boolean answers;
  /** Released by {@link #stopServing}: held submits and frozen status checks then return. */
  private final CountDownLatch unblock = new CountDownLatch(1);
  private final Object heldLock = new Object();
  /** Server threads in {@link #hold}. Guarded by heldLock. */
  private int held;
  private final ClientPool<FrontendService.Client> frontends =
      ClientPool.builder(FrontendService.Client::new).build();
  private final ThriftServer server;

  private StubScheduler(String name, boolean answers) throws Exception {
    this(name, answers, 0);
  }

  private StubScheduler(String name, boolean answers, int port) throws Exception {
    this.name = name;
    this.answers = answers;
    this.server = ThriftServer.builder(name, new SchedulerService.Processor<>(this))
        // 16 workers: each frozen status check holds one until close.
        .bindHost("127.0.0.1").port(port).workerThreads(16).selectorThreads(1).build().start();
  }

  static StubScheduler finishingEveryTask(String name) throws Exception {
    return new StubScheduler(name, true);
  }

  /** A restarted scheduler: on the port of one that stopped serving. */
  static StubScheduler finishingEveryTaskOn(String name, String address) throws Exception {
    return new StubScheduler(name, true, HostPort.parse(address).port());
  }

  /** Takes the request, then never answers (until closed): the client's RPC times out. */
  static StubScheduler silent(String name) throws Exception {
    return new StubScheduler(name, false);
  }

  String address() {
    return server.address().toString();
  }

  @Override
  public org.sparrow.thrift.TJobStatus getJobStatus(String requestId) {
    statusChecks.incrementAndGet();
    if (frozenStatus) {
      hold();  // until close: no answer reaches the client
    }
    return new org.sparrow.thrift.TJobStatus().setRequestId(requestId)
        .setState(org.sparrow.thrift.TJobState.RUNNING).setResults(java.util.List.of());
  }

  /** Holds the calling server thread until {@link #stopServing}. */
  private void hold() {
    synchronized (heldLock) {
      held++;
    }
    try {
      unblock.await(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (heldLock) {
        held--;
        heldLock.notifyAll();
      }
    }
  }

  /**
   * Stops listening; connections pooled by a client to it go stale. Held calls return first: a
   * reply a server thread hands to the event loop of a server already closed is refused with a
   * RejectedExecutionException on that thread, which Awaitility then raises in whichever test is
   * waiting at that moment (the next one).
   */
  void stopServing() {
    unblock.countDown();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    synchronized (heldLock) {
      long left;
      while (held > 0 && (left = end - System.nanoTime()) > 0) {
        try {
          TimeUnit.NANOSECONDS.timedWait(heldLock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    server.close();
  }

  @Override
  public void close() {
    stopServing();
    frontends.close();
  }

  /** Sends one completion notification, as a scheduler does when a task ends. */
  static void notifyResult(ClientPool<FrontendService.Client> via, String frontend, String requestId,
      String app, String taskId, boolean ok) throws TException {
    TFullTaskId id = new TFullTaskId(taskId, requestId, app, new THostPort("127.0.0.1", 1));
    TTaskResult result = new TTaskResult(id, ok ? TTaskState.SUCCEEDED : TTaskState.FAILED,
        ok ? 0 : 1, ok ? 1_000 : 10, "nm-1", 5).setOutput(ok ? "" : "boom");
    byte[] bytes = new TSerializer(new TBinaryProtocol.Factory()).serialize(result);
    via.run(HostPort.parse(frontend), c -> {
      c.frontendMessage(id, ok ? typesConstants.STATUS_TASK_SUCCEEDED
          : typesConstants.STATUS_TASK_FAILED, ByteBuffer.wrap(bytes));
      return null;
    });
  }

  @Override
  public long currentTimeMs() {
    return System.currentTimeMillis() + clockOffsetMs;
  }

  @Override
  public org.sparrow.thrift.TCancelResult cancelJob(String requestId) {
    cancelled.add(requestId);
    return new org.sparrow.thrift.TCancelResult().setRequestId(requestId);
  }

  @Override
  public String submitJobWithId(TSchedulingRequest req) throws TException {
    keys.add(req.getIdempotencyKey());
    taskIdsOfSubmits.add(req.getTasks().stream().map(TTaskSpec::getTaskId).toList());
    if (req.isSetSubmitDeadlineEpochMs()) {
      deadlineLeadMs.add(req.getSubmitDeadlineEpochMs() - currentTimeMs());
    }
    if (draining) {
      submits.incrementAndGet();
      throw new org.sparrow.thrift.IncompleteRequestException("scheduler is draining").setRetryElsewhere(true);
    }
    String id = name + "-req-" + submits.incrementAndGet();
    if (holdResults) {
      return id;
    }
    if (!answers) {
      hold();
      return id;
    }
    java.util.Set<String> only = finishOnly;
    for (TTaskSpec t : req.getTasks()) {
      if (only == null || only.contains(t.getTaskId())) {
        notifyResult(frontends, req.getFrontendAddress(), id, req.getApp(), t.getTaskId(), true);
      }
    }
    return id;
  }
}
