package org.sparrow.nodemonitor;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.sparrow.common.BootIds;
import org.sparrow.common.Closeables;
import org.sparrow.common.Clock;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.FatalHandler;
import org.sparrow.common.HostPort;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.UserLoad;
import org.sparrow.common.metrics.MetricsHttpServer;
import org.sparrow.nodemonitor.queue.QueuePolicies;
import org.sparrow.nodemonitor.task.BackendRegistry;
import org.sparrow.nodemonitor.task.BackendTaskLauncher;
import org.sparrow.nodemonitor.task.InProcessTaskLauncher;
import org.sparrow.nodemonitor.task.TaskRouter;
import org.sparrow.nodemonitor.thrift.BatchingCompletionReporter;
import org.sparrow.nodemonitor.thrift.FrontendMessageRelay;
import org.sparrow.nodemonitor.thrift.NodeMonitorHandler;
import org.sparrow.nodemonitor.thrift.NodeMonitorInternalHandler;
import org.sparrow.nodemonitor.thrift.ThriftBackendClient;
import org.sparrow.nodemonitor.thrift.ThriftReservationReturner;
import org.sparrow.nodemonitor.thrift.ThriftTaskFetcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sparrow node monitor: serves NodeMonitorInternalService (schedulers enqueue reservations,
 * cancel, probe load) and NodeMonitorService (application backends register, report, relay),
 * runs tasks in its slots, and announces itself in the cluster directory.
 *
 * <p>{@link #drain} (the internal Thrift call, SIGTERM and the ZooKeeper drain znode all come
 * here) stops it gracefully: new reservations are refused, queued ones handed back to their
 * schedulers, running tasks finish (up to the drain timeout) and are reported, and only then is
 * the announcement withdrawn and everything closed; {@link #terminated()} completes after that.
 *
 * <pre>{@code
 * try (NodeMonitorDaemon nm = NodeMonitorDaemon.builder().directory(dir)
 *     .config(NodeMonitorConfig.builder().slots(4).build()).build()) {
 *   nm.start();
 *   ...
 * }
 * }</pre>
 */
public final class NodeMonitorDaemon implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitorDaemon.class);

  public static final int DEFAULT_BACKEND_PORT = NodeMonitorConfig.DEFAULT_BACKEND_PORT;
  public static final int DEFAULT_INTERNAL_PORT = NodeMonitorConfig.DEFAULT_INTERNAL_PORT;
  public static final long DEFAULT_DRAIN_TIMEOUT_MS = NodeMonitorConfig.DEFAULT_DRAIN_TIMEOUT_MS;

  private final Builder parts;
  private final NodeMonitorConfig settings;
  private final String advertisedHost;
  private final Clock clock;
  private final MetricRegistry metricRegistry;
  private final NodeMonitorMetrics metrics;
  private final Lifecycle lifecycle = new Lifecycle("node monitor");
  private final String bootId;
  private final NodeMonitorDrain drain = new NodeMonitorDrain(this::id, this::close);
  private final NodeMonitorAnnouncement announcement;
  /** A server that stops serving: leave the cluster, then the builder's onFatal. */
  private final FatalHandler fatal;

  private NodeMonitorClients clients;
  private ThriftTaskFetcher fetcher;
  private BatchingCompletionReporter reporter;
  private ThriftReservationReturner returner;
  private InProcessTaskLauncher inProcess;
  private BackendTaskLauncher backendTasks;
  private final BackendRegistry backends = new BackendRegistry();
  private NodeMonitorCore core;
  private final NodeMonitorServers servers;
  private JmxReporter jmx;
  private MetricsHttpServer metricsServer;
  private boolean gaugesRegistered;
  private LiveQueuePolicy liveQueue;

  private volatile String id;

  private NodeMonitorDaemon(Builder b, NodeMonitorConfig settings) {
    this.parts = b;
    this.settings = settings;
    this.fatal = new FatalHandler("node monitor", this::close, b.onFatal);
    this.clock = b.clock;
    this.metricRegistry = b.metrics != null ? b.metrics : new MetricRegistry();
    this.metrics = new NodeMonitorMetrics(metricRegistry);
    this.advertisedHost = settings.effectiveAdvertisedHost();
    this.bootId = b.bootId != null ? b.bootId : BootIds.random();
    this.announcement = new NodeMonitorAnnouncement(b.directory);
    this.servers = new NodeMonitorServers(settings, fatal);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Binds both services, then announces this node monitor in the directory. On failure
   * everything started so far is closed again.
   */
  public NodeMonitorDaemon start() throws IOException {
    lifecycle.markStarted();
    try {
      startComponents();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    return this;
  }

  private void startComponents() throws IOException {
    String threads = "nodemonitor";
    int slots = settings.slots();
    clients = new NodeMonitorClients(settings);
    fetcher = new ThriftTaskFetcher(clients.getTasks, Math.min(slots, 32), threads,
        metrics.getTasks, clock, bootId, settings.lateAnswerWindowMs(), fatal);
    // Every pool routes a fatal error to this daemon's own path, not the process's: in local
    // mode several daemons share the process, and only this one must leave.
    reporter = new BatchingCompletionReporter(clients.schedulerInternal, 4, threads, clock, bootId,
        BatchingCompletionReporter.DEFAULT_RETRY_WINDOW_MS, fatal);
    returner = new ThriftReservationReturner(clients.schedulerInternal, threads, fatal);
    inProcess = InProcessTaskLauncher.builder()
        .slots(slots)
        .allowCommand(settings.allowCommand())
        .commandTimeoutMs(settings.commandTimeoutMs())
        .maxOutputBytes(settings.maxOutputBytes())
        .classLoader(parts.taskClassLoader)
        .threadName(threads)
        .fatalPath(fatal)
        .build();
    backendTasks = new BackendTaskLauncher(backends, new ThriftBackendClient(clients.backend),
        Math.min(slots, 8), threads, fatal);
    liveQueue = new LiveQueuePolicy(parts.queuePolicies, settings.queuePolicy(), parts.directory);
    core = settings.coreBuilder(clock)
        .queue(liveQueue.initialQueue())
        .fetcher(fetcher)
        .launcher(new TaskRouter(inProcess, backendTasks))
        .sink(metrics.metered(reporter))
        .returner(returner)
        .build();
    fetcher.onLateAnswer(core::acceptLateTasks);
    liveQueue.follow(core);
    metrics.registerGauges(core::load);
    metrics.registerPreemptionGauges(core::suspendedTasks, core::preemptions);
    gaugesRegistered = true;

    servers.startInternal(new NodeMonitorInternalHandler(core, this::id, bootId, this::drain));
    servers.startBackend(new NodeMonitorHandler(backends, backendTasks,
        new FrontendMessageRelay(clients.scheduler, clock)));

    id = new HostPort(advertisedHost, servers.internal().port()).toString();
    jmx = JmxReporter.forRegistry(metricRegistry)
        .inDomain("sparrow.nodemonitor." + id.replace(':', '_'))
        .build();
    jmx.start();
    if (settings.metricsPort() >= 0) {
      metricsServer = new MetricsHttpServer(metricRegistry, settings.bindHost(), settings.metricsPort()).start();
    }

    announcement.announce(new NodeMonitorInfo(id, advertisedHost, servers.internal().port(),
        servers.backend().port(), slots, settings.attributes(), backends.apps(), settings.allowCommand(),
        bootId, metricsServer == null ? 0 : metricsServer.port()));
    backends.addAppsListener(() -> announcement.backendApps(backends.apps()));
    // A backend may have registered between binding and announcing.
    announcement.backendApps(backends.apps());
    LOG.info("Node monitor {} (boot {}) started: {} slots, queue {}, backends on {}, commands {}", id, bootId,
        slots, core.queuePolicy(), backendAddress(), settings.allowCommand() ? "allowed" : "disabled");
  }

  /** Queued slots and running tasks per user. */
  public Map<String, UserLoad> userLoads() {
    return requireStarted(core).userLoads();
  }

  /** The queue policy in force. */
  public String queuePolicy() {
    return requireStarted(core).queuePolicy();
  }

  /**
   * Drains and then closes this node monitor (see the class comment); idempotent: a drain
   * already under way keeps its timeout. Returns at once.
   *
   * @param timeoutMs how long running tasks may take to finish; <= 0: the configured
   *                  {@link NodeMonitorConfig#drainTimeoutMs}. Tasks still running then end LOST.
   * @return {@link #terminated()}
   */
  public CompletionStage<Void> drain(long timeoutMs) {
    return drain.drain(core, reporter, timeoutMs > 0 ? timeoutMs : settings.drainTimeoutMs());
  }

  /** Completes once this node monitor is closed (after a drain, or a plain {@link #close}). */
  public CompletionStage<Void> terminated() {
    return drain.terminated();
  }

  /** Whether a drain has started. */
  public boolean isDraining() {
    return drain.started();
  }

  /** The one fatal path: leave the cluster, close, then the builder's onFatal. */
  public FatalHandler fatalPath() {
    return fatal;
  }

  /** This process's incarnation, announced in the directory and sent with every RPC. */
  public String bootId() {
    return bootId;
  }

  /** Port of its Prometheus {@code /metrics}; 0 when it serves none. */
  public int metricsPort() {
    return metricsServer == null ? 0 : metricsServer.port();
  }

  /** "advertisedHost:internalPort"; null before start. */
  public String id() {
    return id;
  }

  public HostPort internalAddress() {
    return new HostPort(advertisedHost, requireStarted(servers.internal()).port());
  }

  public HostPort backendAddress() {
    return new HostPort(advertisedHost, requireStarted(servers.backend()).port());
  }

  /** What is announced in the directory (including current backend apps); null before start. */
  public NodeMonitorInfo info() {
    return announcement.info();
  }

  public NodeLoad load() {
    return requireStarted(core).load();
  }

  /** Apps with a backend registered here. */
  public Set<String> backendApps() {
    return backends.apps();
  }

  /** The settings this node monitor was built with. */
  public NodeMonitorConfig config() {
    return settings;
  }

  public MetricRegistry metrics() {
    return metricRegistry;
  }

  public int slots() {
    return settings.slots();
  }

  /** CLOSED also after a fatal error (the daemon then left the cluster). */
  public Lifecycle.State state() {
    return lifecycle.state();
  }

  private <T> T requireStarted(T component) {
    if (component == null) {
      throw new IllegalStateException("node monitor is " + lifecycle.state() + ", not started");
    }
    return component;
  }

  /** Withdraws the announcement first, then stops serving and every thread it owns. */
  @Override
  public void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    try {
      closeComponents();
    } finally {
      drain.closed();
    }
  }

  private void closeComponents() {
    announcement.close();
    Closeables.closeQuietly(liveQueue);
    Closeables.closeQuietly(servers);
    if (core != null) {
      core.close();
    }
    // Running tasks end as LOST and are still reported while the reporter is open.
    Closeables.closeQuietly(fetcher);
    Closeables.closeQuietly(returner);
    Closeables.closeQuietly(backendTasks);
    Closeables.closeQuietly(inProcess);
    Closeables.closeQuietly(reporter);
    Closeables.closeQuietly(clients);
    if (jmx != null) {
      jmx.stop();
    }
    Closeables.closeQuietly(metricsServer);
    if (gaugesRegistered) {
      metrics.removeGauges();
    }
    LOG.info("Node monitor {} closed", id);
  }

  /**
   * A {@link NodeMonitorDaemon}: its settings (one {@link NodeMonitorConfig}) and its runtime
   * collaborators; {@link #directory} is required.
   */
  public static final class Builder {
    private NodeMonitorConfig config = NodeMonitorConfig.defaults();
    private ClusterDirectory directory;
    private QueuePolicies queuePolicies = QueuePolicies.defaults();
    private String bootId;
    private Clock clock = Clock.system();
    private MetricRegistry metrics;
    private ClassLoader taskClassLoader = NodeMonitorDaemon.class.getClassLoader();
    private Consumer<Throwable> onFatal = FatalHandler.closeOnly();

    private Builder() {}

    /** Where to announce this node monitor (required). */
    public Builder directory(ClusterDirectory directory) {
      this.directory = directory;
      return this;
    }

    /** Every setting (default: {@link NodeMonitorConfig#defaults()}). */
    public Builder config(NodeMonitorConfig config) {
      this.config = Objects.requireNonNull(config, "config");
      return this;
    }

    /** The queue policies known by name. Default: {@link QueuePolicies#defaults()}. */
    public Builder queuePolicies(QueuePolicies policies) {
      this.queuePolicies = Objects.requireNonNull(policies, "queuePolicies");
      return this;
    }

    /** Fixes the boot id (tests). Default: random per daemon. */
    public Builder bootId(String bootId) {
      this.bootId = bootId;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** Default: a new registry. Give each daemon its own (gauge names are fixed). */
    public Builder metrics(MetricRegistry metrics) {
      this.metrics = metrics;
      return this;
    }

    /** Where {@code java} task classes are loaded from. Default: this module's loader. */
    public Builder taskClassLoader(ClassLoader loader) {
      this.taskClassLoader = loader;
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

    /** Checks the collaborators and the queue policy name; errors name the bad setting. */
    public NodeMonitorDaemon build() {
      Objects.requireNonNull(directory, "directory is required");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(taskClassLoader, "taskClassLoader");
      return new NodeMonitorDaemon(this, config.checkedAgainst(queuePolicies));
    }
  }
}
