package org.sparrow.nodemonitor;

import org.sparrow.common.NodeLoad;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.jmx.JmxReporter;
import org.sparrow.common.metrics.MetricsHttpServer;
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

  public static final int DEFAULT_BACKEND_PORT = 20501;
  public static final int DEFAULT_INTERNAL_PORT = 20502;

  private final Builder config;
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
  private MetricsHttpServer metricsServer;
  private boolean gaugesRegistered;

  private volatile String id;
  private volatile NodeMonitorInfo info;
  private Registration<NodeMonitorInfo> registration;  // guarded by this

  private NodeMonitorDaemon(Builder b) {
    this.config = b;
    this.clock = b.clock;
    this.metricRegistry = b.metrics != null ? b.metrics : new MetricRegistry();
    this.metrics = new NodeMonitorMetrics(metricRegistry);
    this.advertisedHost = b.advertisedHost != null ? b.advertisedHost : defaultAdvertisedHost(b.bindHost);
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
    int slots = config.slots;
    schedulerInternalClients = ClientPool.builder(SchedulerInternalService.Client::new)
        .connectTimeoutMs(config.connectTimeoutMs).socketTimeoutMs(config.rpcTimeoutMs).build();
    schedulerClients = ClientPool.builder(SchedulerService.Client::new)
        .connectTimeoutMs(config.connectTimeoutMs).socketTimeoutMs(config.rpcTimeoutMs).build();
    backendClients = ClientPool.builder(BackendService.Client::new)
        .connectTimeoutMs(config.connectTimeoutMs).socketTimeoutMs(config.rpcTimeoutMs).build();

    fetcher = new ThriftTaskFetcher(schedulerInternalClients, Math.min(slots, 32), threads,
        metrics.getTasks, clock);
    reporter = new BatchingCompletionReporter(schedulerInternalClients, 4, threads, clock);
    inProcess = InProcessTaskLauncher.builder()
        .slots(slots)
        .allowCommand(config.allowCommand)
        .commandTimeoutMs(config.commandTimeoutMs)
        .maxOutputBytes(config.maxOutputBytes)
        .classLoader(config.taskClassLoader)
        .threadName(threads)
        .build();
    backendTasks = new BackendTaskLauncher(backends, new ThriftBackendClient(backendClients),
        Math.min(slots, 8), threads);
    core = NodeMonitorCore.builder()
        .slots(slots)
        .queue(ReservationQueues.create(config.queuePolicy))
        .clock(clock)
        .tombstones(new CancellationTombstones(clock, config.cancelTombstoneTtl,
            CancellationTombstones.DEFAULT_MAX_ENTRIES))
        .fetcher(fetcher)
        .launcher(new TaskRouter(inProcess, backendTasks))
        .sink(metrics.metered(reporter))
        .build();
    metrics.registerGauges(core::load);
    gaugesRegistered = true;

    internalServer = ThriftServer.builder("nodemonitor-internal",
            new NodeMonitorInternalService.Processor<>(new NodeMonitorInternalHandler(core, this::id)))
        // Enqueue, cancel and load only touch the core under its lock; fetches and launches
        // run on their own pools. So the calls run on the selector threads: no hand-off.
        .workerThreads(0)
        .bindHost(config.bindHost)
        .port(config.internalPort)
        .build()
        .start();
    backendServer = ThriftServer.builder("nodemonitor-backend",
            new NodeMonitorService.Processor<>(new NodeMonitorHandler(backends, backendTasks,
                new FrontendMessageRelay(schedulerClients, clock))))
        .bindHost(config.bindHost)
        .port(config.backendPort)
        .build()
        .start();

    id = new HostPort(advertisedHost, internalServer.port()).toString();
    jmx = JmxReporter.forRegistry(metricRegistry)
        .inDomain("sparrow.nodemonitor." + id.replace(':', '_'))
        .build();
    jmx.start();
    if (config.metricsPort >= 0) {
      metricsServer = new MetricsHttpServer(metricRegistry, config.bindHost, config.metricsPort).start();
    }

    synchronized (this) {
      info = new NodeMonitorInfo(id, advertisedHost, internalServer.port(), backendServer.port(),
          slots, config.attributes, backends.apps(), config.allowCommand,
          metricsServer == null ? 0 : metricsServer.port());
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
        slots, config.queuePolicy, backendAddress(), config.allowCommand ? "allowed" : "disabled");
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

  public MetricRegistry metrics() {
    return metricRegistry;
  }

  public int slots() {
    return config.slots;
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
    Closeables.closeQuietly(metricsServer);
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

  /** Configuration of a {@link NodeMonitorDaemon}; {@link #directory} is required. */
  public static final class Builder {
    private ClusterDirectory directory;
    private int slots = Runtime.getRuntime().availableProcessors();
    private String bindHost = "0.0.0.0";
    private String advertisedHost;
    private int internalPort = DEFAULT_INTERNAL_PORT;
    private int backendPort = DEFAULT_BACKEND_PORT;
    private int metricsPort = -1;
    private Map<String, String> attributes = Map.of();
    private boolean allowCommand;
    private long commandTimeoutMs = InProcessTaskLauncher.DEFAULT_COMMAND_TIMEOUT_MS;
    private int maxOutputBytes = InProcessTaskLauncher.DEFAULT_MAX_OUTPUT_BYTES;
    private String queuePolicy = FifoReservationQueue.POLICY;
    private Duration cancelTombstoneTtl = CancellationTombstones.DEFAULT_TTL;
    private int connectTimeoutMs = 2_000;
    private int rpcTimeoutMs = 10_000;
    private Clock clock = Clock.system();
    private MetricRegistry metrics;
    private ClassLoader taskClassLoader = NodeMonitorDaemon.class.getClassLoader();

    private Builder() {}

    /** Where to announce this node monitor (required). */
    public Builder directory(ClusterDirectory directory) {
      this.directory = directory;
      return this;
    }

    /** Tasks run at once. Default: available processors. */
    public Builder slots(int slots) {
      this.slots = slots;
      return this;
    }

    /** Interface both services listen on. Default 0.0.0.0. */
    public Builder bindHost(String host) {
      this.bindHost = host;
      return this;
    }

    /** Host others dial (part of the id). Default: bindHost if specific, else this host's name. */
    public Builder advertisedHost(String host) {
      this.advertisedHost = host;
      return this;
    }

    /** NodeMonitorInternalService port (schedulers); 0 = any free. Default 20502. */
    public Builder internalPort(int port) {
      this.internalPort = port;
      return this;
    }

    /** HTTP port of Prometheus {@code /metrics}; 0 = any free, -1 (the default) = none. */
    public Builder metricsPort(int port) {
      this.metricsPort = port;
      return this;
    }

    /** NodeMonitorService port (application backends); 0 = any free. Default 20501. */
    public Builder backendPort(int port) {
      this.backendPort = port;
      return this;
    }

    /** key=value labels job and task constraints match against. */
    public Builder attributes(Map<String, String> attributes) {
      this.attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
      return this;
    }

    /** Whether {@code command} tasks (arbitrary shell commands) may run here. Default false. */
    public Builder allowCommand(boolean allow) {
      this.allowCommand = allow;
      return this;
    }

    /** Command tasks running longer are killed and fail. Default 60 s. */
    public Builder commandTimeoutMs(long ms) {
      this.commandTimeoutMs = ms;
      return this;
    }

    /** Bound on reported command output and failure messages. Default 4096. */
    public Builder maxOutputBytes(int bytes) {
      this.maxOutputBytes = bytes;
      return this;
    }

    /** Reservation queue policy by name (see {@link ReservationQueues}). Default fifo. */
    public Builder queuePolicy(String policy) {
      this.queuePolicy = policy;
      return this;
    }

    /** How long a cancelled request id is remembered (to discard a late enqueue). Default 60 s. */
    public Builder cancelTombstoneTtl(Duration ttl) {
      this.cancelTombstoneTtl = ttl;
      return this;
    }

    /** Connect timeout towards schedulers and backends. Default 2000 ms. */
    public Builder connectTimeoutMs(int ms) {
      this.connectTimeoutMs = ms;
      return this;
    }

    /** Read timeout of calls to schedulers and backends. Default 10000 ms. */
    public Builder rpcTimeoutMs(int ms) {
      this.rpcTimeoutMs = ms;
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
      if (slots <= 0) {
        throw new IllegalArgumentException("slots must be at least 1, got " + slots);
      }
      checkPort("internalPort", internalPort);
      checkPort("backendPort", backendPort);
      if (bindHost == null || bindHost.isBlank()) {
        throw new IllegalArgumentException("bindHost is empty");
      }
      if (advertisedHost != null && advertisedHost.isBlank()) {
        throw new IllegalArgumentException("advertisedHost is empty");
      }
      if (commandTimeoutMs <= 0) {
        throw new IllegalArgumentException("commandTimeoutMs must be positive, got " + commandTimeoutMs);
      }
      if (maxOutputBytes <= 0) {
        throw new IllegalArgumentException("maxOutputBytes must be positive, got " + maxOutputBytes);
      }
      if (connectTimeoutMs <= 0 || rpcTimeoutMs <= 0) {
        throw new IllegalArgumentException("connect and rpc timeouts must be positive");
      }
      if (cancelTombstoneTtl == null || cancelTombstoneTtl.isNegative() || cancelTombstoneTtl.isZero()) {
        throw new IllegalArgumentException("cancelTombstoneTtl must be positive, got " + cancelTombstoneTtl);
      }
      ReservationQueues.create(queuePolicy);  // fails loudly, listing the valid names
      return new NodeMonitorDaemon(this);
    }

    private static void checkPort(String name, int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException(name + " " + port + " is outside 0..65535");
      }
    }
  }
}
