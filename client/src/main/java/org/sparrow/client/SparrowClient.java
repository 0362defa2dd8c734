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
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.sparrow.client.internal.FrontendHandler;
import org.sparrow.client.internal.LocalAddress;
import org.sparrow.client.internal.PendingJobs;
import org.sparrow.client.internal.RequestSize;
import org.sparrow.client.internal.SchedulerClocks;
import org.sparrow.client.internal.SchedulerWatch;
import org.sparrow.client.internal.Submitter;
import org.sparrow.client.internal.WireMapping;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.HostPort;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.MembershipListener;
import org.sparrow.common.NamedThreads;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.FrontendService;
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
 * round-robin to live schedulers, from the client's own threads: {@link #submit} never waits for
 * an RPC. Each job carries an idempotency key and a submit deadline, so a submit that timed out,
 * that a draining scheduler refused, or whose scheduler died after accepting it, is sent to
 * another scheduler with the same key and never runs twice for that key (see the module
 * README). A scheduler counts as gone only when it refuses connections or no longer knows the
 * job (a status check every {@code statusCheckInterval}), never merely because its ZooKeeper
 * entry vanished or it stopped answering for a while (a frozen scheduler would still run its
 * jobs when it resumes). The client
 * runs a small FrontendService server to receive the completion notifications it asks for.
 */
public final class SparrowClient implements AutoCloseable {

  /**
   * Largest encoded submit request, in bytes: the schedulers' Thrift frame limit. Schedulers
   * drop the connection on a larger frame, so the client refuses such a job itself.
   */
  public static final int MAX_REQUEST_BYTES = ThriftServer.DEFAULT_MAX_FRAME_BYTES;

  /**
   * How much longer than a submit's deadline the client waits for the answer: a scheduler keeps
   * a job only if it wrote its answer before the deadline, and this covers the wire and the
   * scheduler-clock estimate, so a job the client sent elsewhere never also runs where it gave up.
   */
  static final long SUBMIT_MARGIN_MS = 500;

  private final Builder config;
  private final Lifecycle lifecycle = new Lifecycle("sparrow client");
  private final PendingJobs pending = new PendingJobs();
  private volatile List<HostPort> lastKnownSchedulers = List.of();
  private ExecutorService submitThreads;
  private ScheduledExecutorService watchTimer;
  private ClientPool<SchedulerService.Client> statusPool;
  private Submitter submitter;
  private SchedulerWatch watch;
  private ClusterDirectory directory;
  private boolean ownsDirectory;
  private AutoCloseable schedulerWatch;
  private ThriftServer callbackServer;
  private ClientPool<SchedulerService.Client> schedulers;
  private ClientPool<SchedulerService.Client> submitPool;
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
            // A flap of its ZooKeeper session alone never fails a job: ask the scheduler itself.
            SchedulerWatch w = watch;
            if (w != null) {
              w.suspect(member.address());
            }
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
      // Submits wait for the deadline plus the margin, then go elsewhere (see Submitter).
      long submitMs = Math.min(config.submitTimeout.toMillis(), config.rpcTimeout.toMillis());
      submitPool = ClientPool.builder(SchedulerService.Client::new)
          .connectTimeoutMs((int) Math.max(1, Math.min(2_000, submitMs)))
          .socketTimeoutMs((int) Math.min(Integer.MAX_VALUE, submitMs + SUBMIT_MARGIN_MS))
          .maxFrameBytes(MAX_REQUEST_BYTES).build();
      int statusTimeoutMs = (int) Math.max(1, Math.min(config.rpcTimeout.toMillis(), 2_000));
      statusPool = ClientPool.builder(SchedulerService.Client::new)
          .connectTimeoutMs(statusTimeoutMs).socketTimeoutMs(statusTimeoutMs).build();
      submitThreads = Executors.newFixedThreadPool(config.submitThreads, NamedThreads.daemon("sparrow-client-submit"));
      submitter = new Submitter(submitPool, pending, this::schedulerHostPorts, submitThreads,
          submitMs, config.maxResubmits, new SchedulerClocks(60_000), System::currentTimeMillis)
          .lease(config.lease.toMillis());
      watch = new SchedulerWatch(statusPool, submitter, pending, submitThreads);
      watchTimer = Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("sparrow-client-watch"));
      long every = config.statusCheckInterval.toMillis();
      watchTimer.scheduleWithFixedDelay(() -> {
        try {
          watch.round();
        } catch (RuntimeException e) {
          // Never let one failed round stop the watch.
        }
      }, every, every, TimeUnit.MILLISECONDS);
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
   * (no scheduler took it, or its scheduler was lost again after a resubmission). Never blocks:
   * the submit RPCs run on the client's threads.
   */
  public CompletableFuture<JobResult> submit(Job job) {
    lifecycle.checkStarted();
    CompletableFuture<JobResult> future = new CompletableFuture<>();
    Duration timeout = job.timeout() != null ? job.timeout() : config.timeout;
    TSchedulingRequest request = WireMapping.toRequest(config.app, job, callbackAddress, timeout.toMillis());
    java.util.Optional<String> tooLarge = RequestLimits.of(directory == null ? List.of()
        : directory.schedulers().snapshot().values(), MAX_REQUEST_BYTES)
        .violation(job.tasks().size(), RequestSize.submitFrameBytes(request));
    if (tooLarge.isPresent()) {
      future.completeExceptionally(new JobRejectedException(tooLarge.get()));
      return future;
    }
    List<String> taskIds = job.tasks().stream().map(Task::id).toList();
    if (schedulerHostPorts().isEmpty()) {
      future.completeExceptionally(new SparrowClientException(
          "no scheduler is registered in cluster '" + config.cluster + "'"));
      return future;
    }
    // The key every (re)submission of this job carries: a scheduler that has it already answers
    // with that job instead of starting a second one.
    request.setIdempotencyKey(config.app + "-" + UUID.randomUUID());
    return submitter.submit(request, taskIds, timeout);
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
    List<HostPort> now = directory.schedulers().snapshot().values().stream()
        .map(SchedulerInfo::address).sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
    if (now.isEmpty()) {
      // ZooKeeper restarting, or every session flapping at once: the schedulers last seen are
      // still the best guess (a dead one is skipped by its refused connection).
      return lastKnownSchedulers;
    }
    lastKnownSchedulers = now;
    return now;
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
    if (watchTimer != null) {
      watchTimer.shutdownNow();
    }
    if (submitThreads != null) {
      submitThreads.shutdownNow();
    }
    org.sparrow.common.Closeables.closeQuietly(statusPool);
    org.sparrow.common.Closeables.closeQuietly(schedulerWatch);
    org.sparrow.common.Closeables.closeQuietly(callbackServer);
    org.sparrow.common.Closeables.closeQuietly(schedulers);
    org.sparrow.common.Closeables.closeQuietly(submitPool);
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
    private Duration submitTimeout = Duration.ofSeconds(2);
    private FrontendMessageListener messageListener;
    private int submitThreads = 16;
    private int maxResubmits = 1;
    private Duration statusCheckInterval = Duration.ofSeconds(1);
    private Duration lease = Duration.ofMillis(Submitter.LEASE_MS);

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
     * How long status, cancel and job-list calls wait for a scheduler's answer (default 10 s);
     * submits wait for {@link #submitTimeout} (if shorter) plus a margin.
     */
    public Builder rpcTimeout(Duration rpcTimeout) {
      this.rpcTimeout = rpcTimeout;
      return this;
    }

    /**
     * The submit deadline (default 2 s, at most the rpcTimeout): a scheduler that has not
     * written its answer by then drops the job, and this client, after the deadline plus
     * 500 ms, sends it to another scheduler (the slow one gets new jobs
     * only after it answers again). What a frozen scheduler costs a job submitted to it.
     */
    public Builder submitTimeout(Duration submitTimeout) {
      this.submitTimeout = submitTimeout;
      return this;
    }

    /** Threads that send submits and status checks (default 16): submit() itself never blocks. */
    public Builder submitThreads(int n) {
      this.submitThreads = n;
      return this;
    }

    /**
     * How often an accepted job is sent to another scheduler when its scheduler is lost
     * (refuses connections, or no longer knows the job: it restarted), with the same key
     * (default 1). A scheduler that merely stops answering keeps its jobs.
     */
    public Builder maxResubmits(int n) {
      this.maxResubmits = n;
      return this;
    }

    /** How often the schedulers holding this client's jobs are checked (default 1 s). */
    public Builder statusCheckInterval(Duration every) {
      this.statusCheckInterval = every;
      return this;
    }

    /**
     * The client lease every job carries (default 30 s): a scheduler that could not reach this
     * client for that long gives the job up, and this client, once it has heard nothing from that
     * scheduler for the lease plus 3 s, sends the job elsewhere with the same key. Longer than a
     * pause a scheduler should survive with its jobs: what a given-up job completed there runs
     * again.
     */
    public Builder lease(Duration lease) {
      this.lease = lease;
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
      if (submitTimeout == null || submitTimeout.isNegative() || submitTimeout.isZero()) {
        problems.add("submitTimeout must be positive");
      }
      if (submitThreads < 1 || maxResubmits < 0) {
        problems.add("submitThreads must be positive and maxResubmits not negative");
      }
      if (statusCheckInterval == null || statusCheckInterval.isNegative() || statusCheckInterval.isZero()) {
        problems.add("statusCheckInterval must be positive");
      }
      if (lease == null || lease.isNegative() || lease.isZero()) {
        problems.add("lease must be positive");
      }
      if (!problems.isEmpty()) {
        throw new IllegalArgumentException(String.join("; ", problems));
      }
      return new SparrowClient(this);
    }
  }
}
