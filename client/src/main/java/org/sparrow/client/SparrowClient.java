package org.sparrow.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.thrift.TException;
import org.sparrow.client.internal.FrontendHandler;
import org.sparrow.client.internal.LocalAddress;
import org.sparrow.client.internal.PendingJobs;
import org.sparrow.client.internal.RequestSize;
import org.sparrow.client.internal.WireMapping;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.HostPort;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.MembershipListener;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.PeerUnreachableException;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * Submits jobs to Sparrow schedulers and completes a future when every task has ended.
 *
 * <pre>{@code
 * try (SparrowClient client = SparrowClient.builder()
 *     .zookeeper("127.0.0.1:2181").cluster("default").app("my-app").build().start()) {
 *   JobResult r = client.submit(Job.of(8, "sleep", "100")).get();
 * }
 * }</pre>
 *
 * Schedulers come from ZooKeeper (kept current by a watch) or from explicit addresses. Jobs go
 * round-robin to live schedulers; one that cannot be connected to is skipped. A job is never
 * sent to a second scheduler once a first one may have received it, so it cannot run twice. The
 * client runs a small FrontendService server to receive the completion notifications it asks for.
 */
public final class SparrowClient implements AutoCloseable {

  /**
   * Largest encoded submit request, in bytes: the schedulers' Thrift frame limit. Schedulers
   * drop the connection on a larger frame, so the client refuses such a job itself.
   */
  public static final int MAX_REQUEST_BYTES = ThriftServer.DEFAULT_MAX_FRAME_BYTES;

  private final Builder config;
  private final Lifecycle lifecycle = new Lifecycle("sparrow client");
  private final PendingJobs pending = new PendingJobs();
  private final AtomicInteger next = new AtomicInteger();
  private ClusterDirectory directory;
  private boolean ownsDirectory;
  private AutoCloseable schedulerWatch;
  private ThriftServer callbackServer;
  private ClientPool<SchedulerService.Client> schedulers;
  private String callbackAddress;

  private SparrowClient(Builder config) {
    this.config = config;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Connects to ZooKeeper (if configured) and starts the callback server. */
  public SparrowClient start() throws IOException {
    lifecycle.markStarted();
    try {
      if (config.directory != null) {
        directory = config.directory;
      } else if (config.zookeeper != null) {
        ZkClusterDirectory zk = ZkClusterDirectory.builder()
            .connectString(config.zookeeper).clusterName(config.cluster).build();
        zk.start();
        directory = zk;
        ownsDirectory = true;
      }
      if (directory != null) {
        schedulerWatch = directory.schedulers().addListener(new MembershipListener<>() {
          @Override
          public void added(String id, SchedulerInfo member) {}

          @Override
          public void removed(String id, SchedulerInfo member) {
            pending.failScheduler(id, new SparrowClientException(
                "scheduler " + id + " left the cluster before the job finished"));
          }
        });
      }
      List<HostPort> known = schedulerHostPorts();
      String host = config.callbackHost;
      if (host == null) {
        host = known.isEmpty() ? "127.0.0.1" : LocalAddress.towards(known.get(0).host(), known.get(0).port());
      }
      schedulers = ClientPool.builder(SchedulerService.Client::new)
          .socketTimeoutMs((int) Math.max(1, Math.min(Integer.MAX_VALUE, config.rpcTimeout.toMillis())))
          .maxFrameBytes(MAX_REQUEST_BYTES).build();
      FrontendHandler handler = new FrontendHandler(pending, config.messageListener);
      callbackServer = ThriftServer.builder("client-frontend",
              new FrontendService.Processor<>(handler))
          .bindHost(host).port(config.callbackPort).workerThreads(2).selectorThreads(1).build().start();
      callbackAddress = callbackServer.address().toString();
      return this;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Submits a job. The future completes with every task's result (also when some failed: see
   * {@link JobResult#succeeded()}), or exceptionally with {@link JobRejectedException} (the
   * scheduler refused it, or its request exceeds {@link #MAX_REQUEST_BYTES}),
   * {@link TimeoutException} (not finished within the timeout) or {@link SparrowClientException}
   * (no scheduler reachable, the scheduler failed or did not answer in time, scheduler lost).
   */
  public CompletableFuture<JobResult> submit(Job job) {
    lifecycle.checkStarted();
    CompletableFuture<JobResult> future = new CompletableFuture<>();
    Duration timeout = job.timeout() != null ? job.timeout() : config.timeout;
    TSchedulingRequest request = WireMapping.toRequest(config.app, job, callbackAddress, timeout.toMillis());
    long size = RequestSize.submitFrameBytes(request);
    if (size > MAX_REQUEST_BYTES) {
      future.completeExceptionally(new JobRejectedException("job request is " + size
          + " bytes, above the limit of " + MAX_REQUEST_BYTES + " bytes (the schedulers' frame"
          + " size): send fewer tasks per job or smaller task messages"));
      return future;
    }
    List<String> taskIds = job.tasks().stream().map(Task::id).toList();
    List<HostPort> candidates = schedulerHostPorts();
    if (candidates.isEmpty()) {
      future.completeExceptionally(new SparrowClientException(
          "no scheduler is registered in cluster '" + config.cluster + "'"));
      return future;
    }
    long start = System.nanoTime();
    // Results that beat the scheduler's answer are held only while this submit is in flight.
    long ticket = pending.submitStarted();
    try {
      submitToFirstReachable(request, taskIds, candidates, start, timeout, future);
    } finally {
      pending.submitEnded(ticket);
    }
    return future;
  }

  private void submitToFirstReachable(TSchedulingRequest request, List<String> taskIds,
      List<HostPort> candidates, long start, Duration timeout, CompletableFuture<JobResult> future) {
    int first = Math.floorMod(next.getAndIncrement(), candidates.size());
    List<String> unreachable = new ArrayList<>();
    for (int i = 0; i < candidates.size(); i++) {
      HostPort scheduler = candidates.get((first + i) % candidates.size());
      try {
        String requestId = schedulers.call(scheduler, c -> c.submitJobWithId(request));
        pending.attach(requestId, taskIds, scheduler.toString(), start, future);
        // A little slack over the scheduler's own deadline, so its explicit TIMED_OUT results win.
        long slackMs = Math.min(5_000, Math.max(200, timeout.toMillis() / 10));
        future.orTimeout(timeout.toMillis() + slackMs, TimeUnit.MILLISECONDS);
        return;
      } catch (IncompleteRequestException e) {
        future.completeExceptionally(new JobRejectedException(e.getMessage()));
        return;
      } catch (PeerUnreachableException e) {
        // Nothing was sent: safe to try the next scheduler.
        unreachable.add(scheduler + " (" + e.getMessage() + ")");
      } catch (TException e) {
        // The scheduler may have taken the job; submitting it elsewhere could run it twice.
        future.completeExceptionally(new SparrowClientException("scheduler " + scheduler
            + " did not confirm the job (it may or may not run; not resubmitted): " + e, e));
        return;
      }
    }
    future.completeExceptionally(new SparrowClientException(
        "no scheduler could be reached: " + String.join(", ", unreachable)));
  }

  /**
   * The state of a job (submitted by any client), from the scheduler that accepted it.
   *
   * @throws SparrowClientException if no scheduler knows the id, or the scheduler did not answer
   */
  public JobStatus status(String requestId) {
    lifecycle.checkStarted();
    return jobControl().status(requestId);
  }

  /**
   * Cancels a job (submitted by any client): its unlaunched tasks and their reservations are
   * dropped, running tasks are stopped where their kind allows, and the job ends CANCELLED: its
   * future, if this client submitted it, completes with a result whose
   * {@link JobResult#cancelled()} is true.
   *
   * @throws SparrowClientException if no scheduler knows the id, or the scheduler did not answer
   */
  public CancelResult cancel(String requestId) {
    lifecycle.checkStarted();
    return jobControl().cancel(requestId);
  }

  /**
   * The jobs every scheduler is running now (all clients' jobs).
   *
   * @throws SparrowClientException naming any scheduler that did not answer
   */
  public List<JobSummary> jobs() {
    lifecycle.checkStarted();
    return jobControl().jobs();
  }

  private org.sparrow.client.internal.JobControlCalls jobControl() {
    return new org.sparrow.client.internal.JobControlCalls(schedulers, this::schedulerHostPorts);
  }

  /** Addresses ("host:port") of the schedulers this client would submit to now. */
  public List<String> schedulerAddresses() {
    return schedulerHostPorts().stream().map(HostPort::toString).toList();
  }

  private List<HostPort> schedulerHostPorts() {
    if (directory == null) {
      return config.schedulers;
    }
    return directory.schedulers().snapshot().values().stream()
        .map(SchedulerInfo::address).sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
  }

  /**
   * Jobs submitted and not yet ended (including ones whose results arrived before their
   * submit call returned).
   */
  public int pendingJobs() {
    return pending.size();
  }

  /** Where this client receives notifications ("host:port"). */
  public String callbackAddress() {
    return callbackAddress;
  }

  @Override
  public void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    pending.failAll(new SparrowClientException("client closed"));
    org.sparrow.common.Closeables.closeQuietly(schedulerWatch);
    org.sparrow.common.Closeables.closeQuietly(callbackServer);
    org.sparrow.common.Closeables.closeQuietly(schedulers);
    if (ownsDirectory) {
      org.sparrow.common.Closeables.closeQuietly(directory);
    }
  }

  /** Configuration of a {@link SparrowClient}. */
  public static final class Builder {
    private String zookeeper;
    private String cluster = "default";
    private ClusterDirectory directory;
    private final List<HostPort> schedulers = new ArrayList<>();
    private String app = "sparrow-client";
    private String callbackHost;
    private int callbackPort;
    private Duration timeout = Duration.ofSeconds(60);
    private Duration rpcTimeout = Duration.ofSeconds(10);
    private FrontendMessageListener messageListener;

    /** Discover schedulers in ZooKeeper ("host:port[,host:port]"). */
    public Builder zookeeper(String connectString) {
      this.zookeeper = connectString;
      return this;
    }

    public Builder cluster(String name) {
      this.cluster = name;
      return this;
    }

    /**
     * Use an already started membership view (not closed by the client). Not public: the
     * client's API carries JDK types only.
     */
    Builder directory(ClusterDirectory directory) {
      this.directory = directory;
      return this;
    }

    /** Submit to this scheduler ("host:port"); repeatable; used when no ZooKeeper is given. */
    public Builder scheduler(String hostPort) {
      this.schedulers.add(HostPort.parse(hostPort));
      return this;
    }

    public Builder app(String app) {
      this.app = app;
      return this;
    }

    /** Address schedulers call back on; default: this host's address towards the schedulers. */
    public Builder callbackHost(String host) {
      this.callbackHost = host;
      return this;
    }

    public Builder callbackPort(int port) {
      this.callbackPort = port;
      return this;
    }

    /** How long a job may take before its future fails (default 60 s); per job overridable. */
    public Builder timeout(Duration timeout) {
      this.timeout = timeout;
      return this;
    }

    /**
     * How long a submit waits for the scheduler's answer (default 10 s). A submit that times
     * out fails; it is not sent to another scheduler, which could run the job twice.
     */
    public Builder rpcTimeout(Duration rpcTimeout) {
      this.rpcTimeout = rpcTimeout;
      return this;
    }

    /** Messages relayed from backends that are not completion notifications. */
    public Builder messageListener(FrontendMessageListener listener) {
      this.messageListener = listener;
      return this;
    }

    public SparrowClient build() {
      Set<String> problems = new HashSet<>();
      if (zookeeper == null && directory == null && schedulers.isEmpty()) {
        problems.add("give a ZooKeeper connect string or at least one scheduler address");
      }
      if (app == null || app.isBlank()) {
        problems.add("app name is empty");
      }
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        problems.add("timeout must be positive");
      }
      if (rpcTimeout == null || rpcTimeout.isNegative() || rpcTimeout.isZero()) {
        problems.add("rpcTimeout must be positive");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new SparrowClient(this);
    }
  }
}
