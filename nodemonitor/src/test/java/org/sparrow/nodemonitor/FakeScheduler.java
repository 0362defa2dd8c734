package org.sparrow.nodemonitor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.sparrow.common.Closeables;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TGetTasksRequest;
import org.sparrow.thrift.TGetTasksResponse;
import org.sparrow.thrift.THostPort;
import org.sparrow.thrift.TJobStatus;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskLaunch;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.TUserGroupInfo;

/**
 * A tiny scheduler over real Thrift on loopback: hands out the tasks of jobs added with
 * {@link #addJob} through getTasks, and records what node monitors report and relay.
 */
public final class FakeScheduler implements AutoCloseable {

  public record FrontendMessage(String app, TFullTaskId taskId, int status, byte[] message) {}

  public final List<TGetTasksRequest> getTasksCalls = new CopyOnWriteArrayList<>();
  public final List<TTaskResult> results = new CopyOnWriteArrayList<>();
  public final AtomicInteger reports = new AtomicInteger();
  public final List<FrontendMessage> frontendMessages = new CopyOnWriteArrayList<>();
  /** Request ids handed back by reservationsReturned. */
  public final List<String> returned = new CopyOnWriteArrayList<>();
  /** The scheduler boot id of each reservationsReturned call (null: the field was not sent). */
  public final List<String> returnedBootIds = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<TTaskLaunch>> jobs = new ConcurrentHashMap<>();

  /** When set, every getTasks call waits for it (a frozen scheduler); answers are per fetch id. */
  public volatile CountDownLatch getTasksGate;
  private final Map<String, TGetTasksResponse> answered = new ConcurrentHashMap<>();

  /** When set, every tasksFinished call counts down {@link #reportArrived} and waits for it. */
  public volatile CountDownLatch reportGate;
  public final CountDownLatch reportArrived = new CountDownLatch(1);

  private ThriftServer internal;
  private ThriftServer service;

  public FakeScheduler start() throws IOException {
    return start(0);
  }

  /** Serves SchedulerInternalService on {@code internalPort} (0 = any free port). */
  public FakeScheduler start(int internalPort) throws IOException {
    internal = ThriftServer.builder("fake-scheduler-internal",
            new SchedulerInternalService.Processor<>(new Internal()))
        .bindHost("127.0.0.1").port(internalPort).workerThreads(4).build().start();
    service = ThriftServer.builder("fake-scheduler-service",
            new SchedulerService.Processor<>(new Service()))
        .bindHost("127.0.0.1").port(0).workerThreads(2).build().start();
    return this;
  }

  /** SchedulerInternalService: where reservations point. */
  public HostPort internalAddress() {
    return internal.address();
  }

  /** SchedulerService: where task ids point (frontend message relay). */
  public HostPort serviceAddress() {
    return service.address();
  }

  public TTaskLaunch task(String requestId, String taskId, String app, String kind, String message) {
    TTaskLaunch t = new TTaskLaunch()
        .setTaskId(new TFullTaskId(taskId, requestId, app,
            new THostPort(serviceAddress().host(), serviceAddress().port())))
        .setUser(new TUserGroupInfo("alice", "staff", 0))
        .setMessage(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
    if (kind != null) {
      t.setKind(kind);
    }
    return t;
  }

  public void addJob(String requestId, List<TTaskLaunch> tasks) {
    jobs.put(requestId, new ArrayDeque<>(tasks));
  }

  public TReservation reservation(String requestId, String app, int count, String nodeMonitorId) {
    return new TReservation(requestId, app, new TUserGroupInfo("alice", "staff", 0),
        new THostPort(internalAddress().host(), internalAddress().port()), count, nodeMonitorId);
  }

  public List<TTaskResult> resultsOf(String requestId) {
    return results.stream().filter(r -> r.getTaskId().getRequestId().equals(requestId)).toList();
  }

  @Override
  public void close() {
    Closeables.closeAll(internal, service);
  }

  private final class Internal implements SchedulerInternalService.Iface {
    @Override
    public TGetTasksResponse getTasks(TGetTasksRequest request) {
      getTasksCalls.add(request);
      CountDownLatch gate = getTasksGate;
      if (gate != null) {
        try {
          gate.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (request.isSetFetchId()) {
        return answered.computeIfAbsent(request.getFetchId(), id -> answer(request));
      }
      return answer(request);
    }

    private TGetTasksResponse answer(TGetTasksRequest request) {
      Deque<TTaskLaunch> job = jobs.get(request.getRequestId());
      List<TTaskLaunch> out = new ArrayList<>();
      if (job == null) {
        return new TGetTasksResponse(out, true);
      }
      synchronized (job) {
        while (out.size() < request.getMaxTasks() && !job.isEmpty()) {
          out.add(job.poll());
        }
        return new TGetTasksResponse(out, job.isEmpty());
      }
    }

    @Override
    public void tasksFinished(List<TTaskResult> finished) {
      CountDownLatch gate = reportGate;
      if (gate != null) {
        reportArrived.countDown();
        try {
          gate.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      reports.incrementAndGet();
      results.addAll(finished);
    }

    @Override
    public void reservationsReturned(String nodeMonitorId, List<String> requestIds, String schedulerBootId) {
      returned.addAll(requestIds);
      returnedBootIds.add(schedulerBootId);
    }

    @Override
    public org.sparrow.thrift.TSchedulerStats getSchedulerStats() {
      return new org.sparrow.thrift.TSchedulerStats();
    }
  }

  private final class Service implements SchedulerService.Iface {
    @Override
    public boolean registerFrontend(String app, String socketAddress) {
      return true;
    }

    @Override
    public void submitJob(TSchedulingRequest req) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void sendFrontendMessage(String app, TFullTaskId taskId, int status, ByteBuffer message) {
      byte[] bytes = new byte[message.remaining()];
      message.duplicate().get(bytes);
      frontendMessages.add(new FrontendMessage(app, taskId, status, bytes));
    }

    @Override
    public String submitJobWithId(TSchedulingRequest req) {
      throw new UnsupportedOperationException();
    }

    @Override
    public TJobStatus getJobStatus(String requestId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<org.sparrow.thrift.TJobSummary> listJobs() {
      return List.of();
    }

    @Override
    public org.sparrow.thrift.TCancelResult cancelJob(String requestId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public long currentTimeMs() {
      return System.currentTimeMillis();
    }
  }
}
