package org.sparrow.scheduler;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import java.io.IOException;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sparrow.common.BootIds;
import org.sparrow.common.Clock;
import org.sparrow.common.Closeables;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.FatalHandler;
import org.sparrow.common.Guarded;
import org.sparrow.common.HostPort;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.Registration;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.common.metrics.MetricsHttpServer;
import org.sparrow.common.thrift.FrameBudget;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.scheduler.placement.PlacementPolicies;
import org.sparrow.scheduler.thrift.SchedulerInternalHandler;
import org.sparrow.scheduler.thrift.SchedulerStatsWire;
import org.sparrow.scheduler.thrift.SchedulerServiceHandler;
import org.sparrow.scheduler.thrift.ThriftReservationDispatcher;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sparrow scheduler process: SchedulerService for frontends, SchedulerInternalService for node
 * monitors, the {@link Scheduler} logic between them, its outgoing calls ({@link SchedulerClients})
 * and one timer thread for deadlines and membership events. {@link #start()} binds, subscribes to
 * node monitor membership and announces the scheduler; {@link #close()} withdraws the
 * announcement first, then stops everything it started.
 */
public final class SchedulerDaemon implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SchedulerDaemon.class);

  public static final int DEFAULT_PORT = SchedulerConfig.DEFAULT_PORT;
  public static final int DEFAULT_INTERNAL_PORT = SchedulerConfig.DEFAULT_INTERNAL_PORT;

  private final SchedulerConfig config;
  private final ClusterDirectory directory;
  private final Random random;
  private final Clock clock;
  private final MetricRegistry metrics;
  private final PlacementPolicies policies;
  private final Lifecycle lifecycle = new Lifecycle("scheduler daemon");
  /** A server that stops serving or an Error in the timer: leave the cluster, then onFatal. */
  private final FatalHandler fatal;
  /** Bytes of requests both servers may hold at once (frames and what they decode into). */
  private final FrameBudget requestBudget = FrameBudget.forHeap();

  private ScheduledExecutorService timer;
  private ThriftServer frontendServer;
  private ThriftServer internalServer;
  private SchedulerClients clients;
  private ThriftReservationDispatcher dispatcher;
  private volatile Scheduler scheduler;
  private AutoCloseable membershipSubscription;
  private AutoCloseable drainWatch;
  private final SchedulerDrain drain = new SchedulerDrain();
  private final CompletableFuture<Void> terminated = new CompletableFuture<>();
  private Registration<SchedulerInfo> registration;
  private JmxReporter jmx;
  private MetricsHttpServer metricsServer;
  private HostPort address;
  private HostPort internalAddress;

  private SchedulerDaemon(Builder b) {
    this.config = b.config;
    this.directory = b.directory;
    this.random = b.random;
    this.clock = b.clock;
    this.metrics = b.metrics;
    this.policies = b.policies;
    this.fatal = new FatalHandler("scheduler", this::close, b.onFatal);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Binds both services, subscribes to membership, announces itself. Once only. */
  public void start() throws IOException {
    lifecycle.markStarted();
    try {
      // Every pool and the timer route a task's fatal error (out of memory) to the fatal path.
      clients = new SchedulerClients(config, LOG, fatal);
      timer = Guarded.timer("scheduler-timer", LOG, fatal);
      frontendServer = ThriftServer.builder("scheduler",
              new SchedulerService.Processor<>(new SchedulerServiceHandler(this::startedScheduler)))
          .bindHost(config.bindHost()).port(config.port()).workerThreads(config.serverThreadCount())
          .budget(requestBudget).onFailure(fatal).build().start();
      internalServer = ThriftServer.builder("scheduler-internal",
              new SchedulerInternalService.Processor<>(new SchedulerInternalHandler(this::startedScheduler,
                  () -> SchedulerStatsWire.from(String.valueOf(address), metrics), metrics)))
          // getTasks and tasksFinished only update job state; RPCs they cause go out on the
          // RPC executor. So they run on the selector threads: no hand-off per call.
          .bindHost(config.bindHost()).port(config.internalPort()).workerThreads(0)
          .budget(requestBudget).onFailure(fatal).build().start();
      String host = config.effectiveAdvertisedHost();
      address = new HostPort(host, frontendServer.port());
      internalAddress = new HostPort(host, internalServer.port());

      // One incarnation for request ids, reservations and the membership entry alike.
      String bootId = BootIds.random();
      dispatcher = clients.dispatcher(internalAddress, bootId, fatal);
      scheduler = config.schedulerBuilder()
          .identity(address)
          .bootId(bootId)
          .nodeMonitors(directory.nodeMonitors())
          .settings(directory::settings)
          .dispatcher(dispatcher)
          .loadProbe(dispatcher)
          .notifier(clients.notifier())
          .policies(policies)
          .random(random)
          .clock(clock)
          .metrics(metrics)
          .build();
      Scheduler built = scheduler;
      dispatcher.onDraining(built::nodeDraining);
      membershipSubscription = directory.nodeMonitors().addListener(
          new NodeMonitorEvents(timer, scheduler, dispatcher));
      timer.scheduleWithFixedDelay(Guarded.periodic("expiring jobs", LOG, this::tick, fatal),
          config.tickMs(), config.tickMs(), TimeUnit.MILLISECONDS);
      timer.scheduleWithFixedDelay(Guarded.periodic("liveness checks", LOG, this::checkLiveness, fatal),
          config.livenessIntervalMs(), config.livenessIntervalMs(), TimeUnit.MILLISECONDS);
      if (config.metricsPort() >= 0) {
        metricsServer = new MetricsHttpServer(metrics, config.bindHost(), config.metricsPort()).start();
      }
      registration = directory.register(new SchedulerInfo(address.toString(), host, address.port(),
          internalAddress.port(), bootId, metricsServer == null ? 0 : metricsServer.port(),
          frontendServer.maxFrameBytes(), config.maxTasksPerJob()));
      drainWatch = directory.watchSchedulerDrain(address.toString(),
          ms -> drain(ms > 0 ? ms : config.drainTimeoutMs()));
      if (config.jmx()) {
        jmx = JmxReporter.forRegistry(metrics)
            .inDomain("sparrow.scheduler." + address.toString().replaceAll("[^A-Za-z0-9_.-]", "_"))
            .build();
        jmx.start();
      }
      LOG.info("Scheduler {} started (internal {}, cluster {})", address, internalAddress,
          directory.clusterName());
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Withdraws the announcement, then stops servers, threads and connections. Idempotent. */
  @Override
  public void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    try {
      Closeables.closeQuietly(drainWatch);
      Closeables.closeQuietly(registration);
      Closeables.closeQuietly(membershipSubscription);
      Closeables.closeQuietly(frontendServer);
      Closeables.closeQuietly(internalServer);
      if (timer != null) {
        timer.shutdownNow();
      }
      Closeables.closeQuietly(clients);  // waits briefly for the calls under way
      if (scheduler != null) {
        scheduler.close();
      }
      if (jmx != null) {
        jmx.stop();
      }
      Closeables.closeQuietly(metricsServer);
      LOG.info("Scheduler {} closed", address);
    } finally {
      terminated.complete(null);  // also when a step above threw
    }
  }

  /**
   * Graceful stop (SIGTERM, the drain flag): refuses new jobs with a rejection that sends the
   * client elsewhere, lets the active ones finish for up to {@code timeoutMs}, deregisters, then
   * closes. Returns at once; {@link #drained()} completes when closed. Idempotent.
   */
  public void drain(long timeoutMs) {
    lifecycle.checkStarted();
    drain.start(timer, timeoutMs, config.drainGraceMs(), scheduler::drain, scheduler::activeJobs,
        () -> Closeables.closeQuietly(registration), this::close);
  }

  /** Completes once a drain has closed the daemon (never, if none was started). */
  public CompletableFuture<Void> drained() {
    return drain.done();
  }

  /**
   * Completes once this scheduler is closed, whichever way: a drain, {@link #close}, or the
   * fatal path (which {@link #drained()} does not see).
   */
  public CompletableFuture<Void> terminated() {
    return terminated;
  }

  /** The one fatal path: leave the cluster, close, then the builder's onFatal; {@code fired()} after. */
  public FatalHandler fatalPath() {
    return fatal;
  }

  /** The drain timeout used for SIGTERM and drain flags without one. */
  public long drainTimeoutMs() {
    return config.drainTimeoutMs();
  }

  /** Port of its Prometheus {@code /metrics}; 0 when it serves none. */
  public int metricsPort() {
    return metricsServer == null ? 0 : metricsServer.port();
  }

  /** "advertisedHost:port", also the prefix of its request ids. */
  public String id() {
    return address().toString();
  }

  /** SchedulerService (frontends). */
  public HostPort address() {
    lifecycle.checkStarted();
    return address;
  }

  /** SchedulerInternalService (node monitors). */
  public HostPort internalAddress() {
    lifecycle.checkStarted();
    return internalAddress;
  }

  public MetricRegistry metrics() {
    return metrics;
  }

  /** The settings this scheduler was built with. */
  public SchedulerConfig config() {
    return config;
  }

  /** The scheduling logic (for tests and in-process tools). */
  public Scheduler scheduler() {
    return startedScheduler();
  }

  /** Ids of the node monitors this scheduler currently sees (and may place work on). */
  public Set<String> knownNodeMonitors() {
    return directory.nodeMonitors().snapshot().keySet();
  }

  public Lifecycle.State state() {
    return lifecycle.state();
  }

  private Scheduler startedScheduler() {
    Scheduler s = scheduler;
    if (s == null || !lifecycle.isStarted()) {
      throw new IllegalStateException("scheduler is " + lifecycle.state() + ", not serving");
    }
    return s;
  }

  private void checkLiveness() {
    // Failures: Guarded.periodic logs them, or routes a fatal one.
    scheduler.checkLiveness();
    scheduler.heartbeatFrontends();  // client leases (at most once a second per frontend)
  }

  private void tick() {
    scheduler.expireDue();  // failures: Guarded.periodic logs, or routes a fatal one
  }

  /**
   * A {@link SchedulerDaemon}: its settings (one {@link SchedulerConfig}) and its runtime
   * collaborators; {@link #directory} is required.
   */
  public static final class Builder {
    private ClusterDirectory directory;
    private SchedulerConfig config = SchedulerConfig.defaults();
    private Random random = new Random();
    private Clock clock = Clock.system();
    private MetricRegistry metrics = new MetricRegistry();
    private PlacementPolicies policies = PlacementPolicies.defaults();
    private Consumer<Throwable> onFatal = FatalHandler.closeOnly();

    private Builder() {}

    /** The membership plane (required): node monitors to place on, where to announce itself. */
    public Builder directory(ClusterDirectory d) {
      this.directory = d;
      return this;
    }

    /** Every setting (default: {@link SchedulerConfig#defaults()}). */
    public Builder config(SchedulerConfig c) {
      this.config = Objects.requireNonNull(c, "config");
      return this;
    }

    public Builder random(Random r) {
      this.random = Objects.requireNonNull(r);
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = Objects.requireNonNull(c);
      return this;
    }

    public Builder metrics(MetricRegistry m) {
      this.metrics = Objects.requireNonNull(m);
      return this;
    }

    public Builder policies(PlacementPolicies p) {
      this.policies = Objects.requireNonNull(p);
      return this;
    }

    /**
     * After a fatal error the daemon closes itself (leaving the cluster), then calls this: a
     * daemon process passes {@link FatalHandler#exitProcess()} (default: nothing more).
     */
    public Builder onFatal(Consumer<Throwable> handler) {
      this.onFatal = Objects.requireNonNull(handler);
      return this;
    }

    public SchedulerDaemon build() {
      Objects.requireNonNull(directory, "directory is required");
      return new SchedulerDaemon(this);
    }
  }
}
