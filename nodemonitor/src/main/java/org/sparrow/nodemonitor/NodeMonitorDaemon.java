package org.sparrow.nodemonitor;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sparrow.common.Closeables;
import org.sparrow.common.Clock;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.HostPort;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.Registration;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.ThriftServer;
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
import org.sparrow.nodemonitor.thrift.ThriftTaskFetcher;
import org.sparrow.thrift.BackendService;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.NodeMonitorService;
import org.sparrow.thrift.SchedulerInternalService;
import org.sparrow.thrift.SchedulerService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Sparrow node monitor: serves NodeMonitorInternalService (schedulers enqueue reservations,
 * cancel, probe load) and NodeMonitorService (application backends register, report, relay),
 * runs tasks in its slots, and announces itself in the cluster directory.
 *
 * <pre>{@code
 * try (NodeMonitorDaemon nm = NodeMonitorDaemon.builder().directory(dir).slots(4).build()) {
 *   nm.start();
 *   ...
 * }
 * }</pre>
 */
public final class NodeMonitorDaemon implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitorDaemon.class);

  public static final int DEFAULT_BACKEND_PORT = NodeMonitorConfig.DEFAULT_BACKEND_PORT;
  public static final int DEFAULT_INTERNAL_PORT = NodeMonitorConfig.DEFAULT_INTERNAL_PORT;

  private final Builder config;
  private final NodeMonitorConfig settings;
  private final String advertisedHost;
  private final Clock clock;
  private final MetricRegistry metricRegistry;
  private final NodeMonitorMetrics metrics;
  private final Lifecycle lifecycle = new Lifecycle("node monitor");

  private ClientPool<SchedulerInternalService.Client> schedulerInternalClients;
  private ClientPool<SchedulerService.Client> schedulerClients;
  private ClientPool<BackendService.Client> backendClients;
  private ThriftTaskFetcher fetcher;
  private BatchingCompletionReporter reporter;
  private InProcessTaskLauncher inProcess;
  private BackendTaskLauncher backendTasks;
  private final BackendRegistry backends = new BackendRegistry();
  private NodeMonitorCore core;
  private ThriftServer internalServer;
  private ThriftServer backendServer;
  private JmxReporter jmx;
  private boolean gaugesRegistered;
  private LiveQueuePolicy liveQueue;

  private volatile String id;
  private volatile NodeMonitorInfo info;
  private Registration<NodeMonitorInfo> registration;  // guarded by this

  private NodeMonitorDaemon(Builder b, NodeMonitorConfig settings) {
    this.config = b;
    this.settings = settings;
    this.clock = b.clock;
    this.metricRegistry = b.metrics != null ? b.metrics : new MetricRegistry();
    this.metrics = new NodeMonitorMetrics(metricRegistry);
    this.advertisedHost = settings.advertisedHost() != null ? settings.advertisedHost() : defaultAdvertisedHost(settings.bindHost());
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
    schedulerInternalClients = ClientPool.builder(SchedulerInternalService.Client::new)
        .connectTimeoutMs(settings.connectTimeoutMs()).socketTimeoutMs(settings.rpcTimeoutMs()).build();
    schedulerClients = ClientPool.builder(SchedulerService.Client::new)
        .connectTimeoutMs(settings.connectTimeoutMs()).socketTimeoutMs(settings.rpcTimeoutMs()).build();
    backendClients = ClientPool.builder(BackendService.Client::new)
        .connectTimeoutMs(settings.connectTimeoutMs()).socketTimeoutMs(settings.rpcTimeoutMs()).build();

    fetcher = new ThriftTaskFetcher(schedulerInternalClients, Math.min(slots, 32), threads,
        metrics.getTasks, clock);
    reporter = new BatchingCompletionReporter(schedulerInternalClients, 4, threads, clock);
    inProcess = InProcessTaskLauncher.builder()
        .slots(slots)
        .allowCommand(settings.allowCommand())
        .commandTimeoutMs(settings.commandTimeoutMs())
        .maxOutputBytes(settings.maxOutputBytes())
        .classLoader(config.taskClassLoader)
        .threadName(threads)
        .build();
    backendTasks = new BackendTaskLauncher(backends, new ThriftBackendClient(backendClients),
        Math.min(slots, 8), threads);
    liveQueue = new LiveQueuePolicy(config.queuePolicies, settings.queuePolicy(), config.directory);
    core = NodeMonitorCore.builder()
        .slots(slots)
        .queue(liveQueue.initialQueue())
        .clock(clock)
        .tombstones(new CancellationTombstones(clock, settings.cancelTombstoneTtl(),
            CancellationTombstones.DEFAULT_MAX_ENTRIES))
        .fetcher(fetcher)
        .launcher(new TaskRouter(inProcess, backendTasks))
        .sink(metrics.metered(reporter))
        .build();
    liveQueue.follow(core);
    metrics.registerGauges(core::load);
    gaugesRegistered = true;

    internalServer = ThriftServer.builder("nodemonitor-internal",
            new NodeMonitorInternalService.Processor<>(new NodeMonitorInternalHandler(core, this::id)))
        // Enqueue, cancel and load only touch the core under its lock; fetches and launches
        // run on their own pools. So the calls run on the selector threads: no hand-off.
        .workerThreads(0)
        .bindHost(settings.bindHost())
        .port(settings.internalPort())
        .build()
        .start();
    backendServer = ThriftServer.builder("nodemonitor-backend",
            new NodeMonitorService.Processor<>(new NodeMonitorHandler(backends, backendTasks,
                new FrontendMessageRelay(schedulerClients, clock))))
        .bindHost(settings.bindHost())
        .port(settings.backendPort())
        .build()
        .start();

    id = new HostPort(advertisedHost, internalServer.port()).toString();
    jmx = JmxReporter.forRegistry(metricRegistry)
        .inDomain("sparrow.nodemonitor." + id.replace(':', '_'))
        .build();
    jmx.start();

    synchronized (this) {
      info = new NodeMonitorInfo(id, advertisedHost, internalServer.port(), backendServer.port(),
          slots, settings.attributes(), backends.apps(), settings.allowCommand());
      registration = config.directory.register(info);
    }
    backends.addListener((app, previous, current) -> {
      if (previous == null) {
        announceBackendApps();
      }
    });
    // A backend may have registered between binding and announcing.
    announceBackendApps();
    LOG.info("Node monitor {} started: {} slots, queue {}, backends on {}, commands {}", id,
        slots, core.queuePolicy(), backendAddress(), settings.allowCommand() ? "allowed" : "disabled");
  }

  /** Queued slots and running tasks per user. */
  public java.util.Map<String, UserLoad> userLoads() {
    return requireStarted(core).userLoads();
  }

  /** The queue policy in force. */
  public String queuePolicy() {
    return requireStarted(core).queuePolicy();
  }

  private synchronized void announceBackendApps() {
    Set<String> apps = backends.apps();
    if (registration == null || info.backendApps().equals(apps)) {
      return;
    }
    info = info.withBackendApps(apps);
    registration.update(info);
  }

  /** "advertisedHost:internalPort"; null before start. */
  public String id() {
    return id;
  }

  public HostPort internalAddress() {
    return new HostPort(advertisedHost, requireStarted(internalServer).port());
  }

  public HostPort backendAddress() {
    return new HostPort(advertisedHost, requireStarted(backendServer).port());
  }

  /** What is announced in the directory (including current backend apps); null before start. */
  public NodeMonitorInfo info() {
    return info;
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
    synchronized (this) {
      Closeables.closeQuietly(registration);
    }
    Closeables.closeQuietly(liveQueue);
    Closeables.closeQuietly(internalServer);
    Closeables.closeQuietly(backendServer);
    if (core != null) {
      core.close();
    }
    // Running tasks end as LOST and are still reported while the reporter is open.
    Closeables.closeQuietly(fetcher);
    Closeables.closeQuietly(backendTasks);
    Closeables.closeQuietly(inProcess);
    Closeables.closeQuietly(reporter);
    Closeables.closeQuietly(schedulerInternalClients);
    Closeables.closeQuietly(schedulerClients);
    Closeables.closeQuietly(backendClients);
    if (jmx != null) {
      jmx.stop();
    }
    if (gaugesRegistered) {
      metrics.removeGauges();
    }
    LOG.info("Node monitor {} closed", id);
  }

  private static String defaultAdvertisedHost(String bindHost) {
    if (!"0.0.0.0".equals(bindHost) && !"::".equals(bindHost)) {
      return bindHost;
    }
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (IOException e) {
      return "127.0.0.1";
    }
  }

  /**
   * Configuration of a {@link NodeMonitorDaemon}: the operator's settings (a
   * {@link NodeMonitorConfig}, given whole with {@link #config} or setting by setting) and the
   * runtime collaborators; {@link #directory} is required.
   */
  public static final class Builder {
    private final NodeMonitorConfig.Builder settings = NodeMonitorConfig.builder();
    private ClusterDirectory directory;
    private QueuePolicies queuePolicies = QueuePolicies.defaults();
    private Clock clock = Clock.system();
    private MetricRegistry metrics;
    private ClassLoader taskClassLoader = NodeMonitorDaemon.class.getClassLoader();

    private Builder() {}

    /** Where to announce this node monitor (required). */
    public Builder directory(ClusterDirectory directory) {
      this.directory = directory;
      return this;
    }

    /** Every setting at once (replaces those set before). */
    public Builder config(NodeMonitorConfig config) {
      settings.from(Objects.requireNonNull(config, "config"));
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#slots}. */
    public Builder slots(int slots) {
      settings.slots(slots);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#bindHost}. */
    public Builder bindHost(String host) {
      settings.bindHost(host);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#advertisedHost}. */
    public Builder advertisedHost(String host) {
      settings.advertisedHost(host);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#internalPort}. */
    public Builder internalPort(int port) {
      settings.internalPort(port);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#backendPort}. */
    public Builder backendPort(int port) {
      settings.backendPort(port);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#attributes}. */
    public Builder attributes(Map<String, String> attributes) {
      settings.attributes(attributes);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#allowCommand}. */
    public Builder allowCommand(boolean allow) {
      settings.allowCommand(allow);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#commandTimeoutMs}. */
    public Builder commandTimeoutMs(long ms) {
      settings.commandTimeoutMs(ms);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#maxOutputBytes}. */
    public Builder maxOutputBytes(int bytes) {
      settings.maxOutputBytes(bytes);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#queuePolicy}. */
    public Builder queuePolicy(String policy) {
      settings.queuePolicy(policy);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#cancelTombstoneTtl}. */
    public Builder cancelTombstoneTtl(Duration ttl) {
      settings.cancelTombstoneTtl(ttl);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#connectTimeoutMs}. */
    public Builder connectTimeoutMs(int ms) {
      settings.connectTimeoutMs(ms);
      return this;
    }

    /** See {@link NodeMonitorConfig.Builder#rpcTimeoutMs}. */
    public Builder rpcTimeoutMs(int ms) {
      settings.rpcTimeoutMs(ms);
      return this;
    }

    /** The queue policies known by name. Default: {@link QueuePolicies#defaults()}. */
    public Builder queuePolicies(QueuePolicies policies) {
      this.queuePolicies = Objects.requireNonNull(policies, "queuePolicies");
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

    /** Checks the configuration; errors name the bad setting. */
    public NodeMonitorDaemon build() {
      Objects.requireNonNull(directory, "directory is required");
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(taskClassLoader, "taskClassLoader");
      return new NodeMonitorDaemon(this, settings.build().checkedAgainst(queuePolicies));
    }
  }
}
