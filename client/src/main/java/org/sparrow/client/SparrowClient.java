package org.sparrow.client;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.sparrow.client.internal.ClientConfig;
import org.sparrow.client.internal.ClientRuntime;
import org.sparrow.client.internal.JobControlCalls;
import org.sparrow.client.internal.PendingJobs;
import org.sparrow.client.internal.SchedulerFit;
import org.sparrow.client.internal.SchedulerMembership;
import org.sparrow.client.internal.Submitter;
import org.sparrow.client.internal.WireMapping;
import org.sparrow.common.Closeables;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.HostPort;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.TSchedulingRequest;

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
 * jobs when it resumes). Each scheduler advertises its request limits (most tasks per job, largest
 * submit request) in its ZooKeeper entry; a job goes only to schedulers whose limits take it, so a
 * job too large for one scheduler runs on another. The client
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

  private final ClientConfig config;
  private final Lifecycle lifecycle = new Lifecycle("sparrow client");
  private final PendingJobs pending = new PendingJobs();
  private SchedulerMembership membership;
  private ClientRuntime runtime;
  private String callbackAddress;

  private SparrowClient(ClientConfig config) {
    this.config = config;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Connects to ZooKeeper (if configured) and starts the callback server. */
  public SparrowClient start() throws IOException {
    lifecycle.markStarted();
    try {
      membership = SchedulerMembership.open(config.directory(), config.zookeeper(), config.cluster(),
          config.schedulers());
      runtime = new ClientRuntime(config, membership, pending, MAX_REQUEST_BYTES, SUBMIT_MARGIN_MS);
      callbackAddress = runtime.callbackAddress();
      return this;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Submits a job. The future completes with every task's result (also when some failed: see
   * {@link JobResult#succeeded()}), or exceptionally with {@link JobRejectedException} (the
   * scheduler refused it, its request exceeds {@link #MAX_REQUEST_BYTES}, or it is above the
   * request limits every registered scheduler advertises: the message names each scheduler's
   * limit and the job's value),
   * {@link TimeoutException} (not finished within the timeout) or {@link SparrowClientException}
   * (no scheduler took it, or its scheduler was lost again after a resubmission). Never blocks:
   * the submit RPCs run on the client's threads.
   */
  public CompletableFuture<JobResult> submit(Job job) {
    lifecycle.checkStarted();
    CompletableFuture<JobResult> future = new CompletableFuture<>();
    Duration timeout = job.timeout() != null ? job.timeout() : config.timeout();
    TSchedulingRequest request = WireMapping.toRequest(config.app(), job, callbackAddress, timeout.toMillis());
    // The key every (re)submission of this job carries: a scheduler that has it already answers
    // with that job instead of starting a second one. Set before measuring: it is on the wire.
    request.setIdempotencyKey(config.app() + "-" + UUID.randomUUID());
    SchedulerFit.JobSize size = SchedulerFit.JobSize.of(request);
    // Only the absolute maximum here: which schedulers' advertised limits take the job is decided
    // at each send (Submitter), since one too small for it must not stop it running on another.
    Optional<String> tooLarge = SchedulerFit.beyondClient(size, MAX_REQUEST_BYTES);
    if (tooLarge.isPresent()) {
      future.completeExceptionally(new JobRejectedException(tooLarge.get()));
      return future;
    }
    List<String> taskIds = job.tasks().stream().map(Task::id).toList();
    if (membership.addresses().isEmpty()) {
      future.completeExceptionally(new SparrowClientException(
          "no scheduler is registered in cluster '" + config.cluster() + "'"));
      return future;
    }
    return runtime.submitter().submit(request, taskIds, timeout, size);
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

  private JobControlCalls jobControl() {
    return new JobControlCalls(runtime.controlPool(), membership::addresses);
  }

  /** Addresses ("host:port") of the schedulers this client would submit to now. */
  public List<String> schedulerAddresses() {
    return membership.addresses().stream().map(HostPort::toString).toList();
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
    Closeables.closeQuietly(runtime);
    Closeables.closeQuietly(membership);
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

    /** @throws IllegalArgumentException naming every invalid setting */
    public SparrowClient build() {
      return new SparrowClient(new ClientConfig(zookeeper, cluster, directory, schedulers, app, callbackHost,
          callbackPort, timeout, rpcTimeout, submitTimeout, messageListener, submitThreads, maxResubmits,
          statusCheckInterval, lease));
    }
  }
}
