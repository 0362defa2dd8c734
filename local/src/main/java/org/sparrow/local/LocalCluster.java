package org.sparrow.local;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.common.Closeables;
import org.sparrow.common.Guarded;
import org.sparrow.common.Lifecycle;
import org.sparrow.nodemonitor.NodeMonitorConfig;
import org.sparrow.nodemonitor.NodeMonitorDaemon;
import org.sparrow.scheduler.SchedulerConfig;
import org.sparrow.scheduler.SchedulerDaemon;
import org.sparrow.zk.EmbeddedZooKeeper;
import org.sparrow.zk.ZkClusterDirectory;

/**
 * A whole Sparrow cluster on this machine: a real embedded ZooKeeper, N node monitors and M
 * schedulers, each daemon with its own ZooKeeper session as if it were its own process.
 * Everything listens on the bind host (loopback by default). Closing stops what it started, in
 * reverse order.
 *
 * <p>A fatal error (out of memory...) on any thread of one daemon — its pools, timers, servers
 * or ZooKeeper listeners — takes that daemon's own fatal path, as if its process had ended: it
 * withdraws its entry and closes, its session is closed, it is logged at ERROR and it leaves
 * {@link #nodeMonitors()} / {@link #schedulers()}; the other daemons go on. The JVM is not
 * exited (it is the caller's).
 */
public final class LocalCluster implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);

  private final Builder config;
  private final Lifecycle lifecycle = new Lifecycle("local cluster");
  private EmbeddedZooKeeper zooKeeper;
  private final List<Member<NodeMonitorDaemon>> nodeMonitors = new ArrayList<>();
  private final List<Member<SchedulerDaemon>> schedulers = new ArrayList<>();
  private int nodeMonitorsStarted;

  /** A daemon and the membership-plane session it owns. */
  private record Member<D extends AutoCloseable>(D daemon, ZkClusterDirectory directory)
      implements AutoCloseable {
    @Override
    public void close() {
      Closeables.closeAll(daemon, directory);
    }
  }

  /**
   * A daemon's fatal path for the directory built before the daemon: forwards to the daemon's
   * once it exists (a fatal error before that only reaches the log and the process's path).
   */
  private static final class FatalRelay implements Consumer<Throwable> {
    private volatile Consumer<Throwable> target = Guarded.processFatalPath();

    @Override
    public void accept(Throwable t) {
      target.accept(t);
    }
  }

  private LocalCluster(Builder config) {
    this.config = config;
  }

  public static Builder builder() {
    return new Builder();
  }

  public LocalCluster start() throws IOException {
    lifecycle.markStarted();
    try {
      zooKeeper = EmbeddedZooKeeper.builder().bindHost(config.bindHost).port(config.zkPort).build();
      zooKeeper.start();
      for (int i = 0; i < config.nodeMonitors; i++) {
        addNodeMonitor(config.slots, Map.of());
      }
      for (int i = 0; i < config.schedulers; i++) {
        addScheduler();
      }
      return this;
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Starts one more node monitor; it registers and starts receiving work. */
  public synchronized NodeMonitorDaemon addNodeMonitor(int slots, Map<String, String> attributes)
      throws IOException {
    FatalRelay relay = new FatalRelay();
    ZkClusterDirectory directory = newDirectory(relay);
    try {
      NodeMonitorConfig settings = config.nodeMonitorTemplate.toBuilder()
          .slots(slots)
          .bindHost(config.bindHost)
          .advertisedHost(config.bindHost)
          .internalPort(0)
          .backendPort(0)
          .attributes(withIndex(config.nodeMonitorTemplate.attributes(), attributes, nodeMonitorsStarted++))
          .allowCommand(config.allowCommand || config.nodeMonitorTemplate.allowCommand())
          .metricsPort(config.metrics ? 0 : config.nodeMonitorTemplate.metricsPort())
          .build();
      NodeMonitorDaemon[] self = new NodeMonitorDaemon[1];
      NodeMonitorDaemon nm = NodeMonitorDaemon.builder().directory(directory).config(settings)
          .onFatal(t -> leftOnFatal(nodeMonitors, self[0], "node monitor " + self[0].id(), t))
          .build();
      self[0] = nm;
      relay.target = nm.fatalPath();
      nodeMonitors.add(new Member<>(nm, directory));
      try {
        nm.start();
      } catch (IOException | RuntimeException e) {
        nodeMonitors.removeIf(m -> m.daemon() == nm);
        throw e;
      }
      return nm;
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** Starts one more scheduler. */
  public synchronized SchedulerDaemon addScheduler() throws IOException {
    FatalRelay relay = new FatalRelay();
    ZkClusterDirectory directory = newDirectory(relay);
    try {
      SchedulerConfig settings = config.schedulerTemplate.toBuilder()
          .bindHost(config.bindHost)
          .advertisedHost(config.bindHost)
          .port(0)
          .internalPort(0)
          .metricsPort(config.metrics ? 0 : config.schedulerTemplate.metricsPort())
          .build();
      SchedulerDaemon[] self = new SchedulerDaemon[1];
      String[] name = {"a starting scheduler"};  // its id exists once started, and not after close
      SchedulerDaemon s = SchedulerDaemon.builder()
          .directory(directory)
          .config(settings)
          .random(new Random(config.seed + schedulers.size()))
          .onFatal(t -> leftOnFatal(schedulers, self[0], name[0], t))
          .build();
      self[0] = s;
      relay.target = s.fatalPath();
      schedulers.add(new Member<>(s, directory));
      try {
        s.start();
        name[0] = "scheduler " + s.id();
      } catch (IOException | RuntimeException e) {
        schedulers.removeIf(m -> m.daemon() == s);
        throw e;
      }
      return s;
    } catch (IOException | RuntimeException e) {
      directory.close();
      throw e;
    }
  }

  /** Stops a node monitor as if its process ended (deregisters, closes its ports). */
  public synchronized void stopNodeMonitor(NodeMonitorDaemon nm) {
    nodeMonitors.removeIf(m -> {
      if (m.daemon() == nm) {
        m.close();
        return true;
      }
      return false;
    });
  }

  /** Stops a scheduler as if its process ended. */
  public synchronized void stopScheduler(SchedulerDaemon scheduler) {
    schedulers.removeIf(m -> {
      if (m.daemon() == scheduler) {
        m.close();
        return true;
      }
      return false;
    });
  }

  public String connectString() {
    return zooKeeper.connectString();
  }

  public String clusterName() {
    return config.clusterName;
  }

  public synchronized List<NodeMonitorDaemon> nodeMonitors() {
    return nodeMonitors.stream().map(Member::daemon).toList();
  }

  public synchronized List<SchedulerDaemon> schedulers() {
    return schedulers.stream().map(Member::daemon).toList();
  }

  public int totalSlots() {
    return nodeMonitors().stream().mapToInt(nm -> nm.info().slots()).sum();
  }

  @Override
  public synchronized void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    List<AutoCloseable> order = new ArrayList<>();
    // Schedulers first so no new work is placed while node monitors go away.
    for (int i = schedulers.size() - 1; i >= 0; i--) {
      order.add(schedulers.get(i));
    }
    for (int i = nodeMonitors.size() - 1; i >= 0; i--) {
      order.add(nodeMonitors.get(i));
    }
    order.add(zooKeeper);
    schedulers.clear();
    nodeMonitors.clear();
    Closeables.closeAll(order.toArray(AutoCloseable[]::new));
  }

  /**
   * After a daemon's fatal path closed it (its entry withdrawn): it leaves this cluster's lists
   * and its session is closed, as if its process had ended.
   */
  private <D extends AutoCloseable> void leftOnFatal(List<Member<D>> members, D daemon, String what,
      Throwable cause) {
    synchronized (this) {
      members.removeIf(m -> {
        if (m.daemon() == daemon) {
          m.close();
          return true;
        }
        return false;
      });
      LOG.error("Local cluster: {} stopped on a fatal error ({}) and left the cluster; {} node monitors "
          + "and {} schedulers go on", what, cause.toString(), nodeMonitors.size(), schedulers.size());
    }
  }

  private ZkClusterDirectory newDirectory(Consumer<Throwable> fatal) {
    ZkClusterDirectory directory = ZkClusterDirectory.builder()
        .connectString(zooKeeper.connectString()).clusterName(config.clusterName).fatalPath(fatal).build();
    directory.start();
    return directory;
  }

  private static Map<String, String> withIndex(Map<String, String> common, Map<String, String> attributes,
      int index) {
    java.util.LinkedHashMap<String, String> all = new java.util.LinkedHashMap<>();
    all.put("local.index", Integer.toString(index));
    all.putAll(common);
    all.putAll(attributes);
    return all;
  }

  /** Configuration of a {@link LocalCluster}. */
  public static final class Builder {
    private int nodeMonitors = 4;
    private int slots = 4;
    private int schedulers = 2;
    private int zkPort;
    private String clusterName = "default";
    private String bindHost = "127.0.0.1";
    private boolean allowCommand;
    private long seed = 42;
    private boolean metrics;
    private NodeMonitorConfig nodeMonitorTemplate = NodeMonitorConfig.defaults();
    private SchedulerConfig schedulerTemplate = SchedulerConfig.defaults();

    public Builder nodeMonitors(int n) {
      this.nodeMonitors = requireAtLeast(n, 0, "node monitors");
      return this;
    }

    public Builder slots(int n) {
      this.slots = requireAtLeast(n, 1, "slots");
      return this;
    }

    public Builder schedulers(int n) {
      this.schedulers = requireAtLeast(n, 0, "schedulers");
      return this;
    }

    /** 0: any free port. */
    public Builder zkPort(int port) {
      this.zkPort = port;
      return this;
    }

    public Builder clusterName(String name) {
      this.clusterName = name;
      return this;
    }

    public Builder bindHost(String host) {
      this.bindHost = host;
      return this;
    }

    /** Lets node monitors run the {@code command} task kind (shell commands). */
    public Builder allowCommand(boolean allow) {
      this.allowCommand = allow;
      return this;
    }

    /** Every daemon serves Prometheus {@code /metrics} on a free port (announced in ZooKeeper). */
    public Builder metrics(boolean on) {
      this.metrics = on;
      return this;
    }

    /**
     * The settings every node monitor starts from (default: {@link NodeMonitorConfig#defaults()});
     * the cluster sets host, ports, slots and a {@code local.index} attribute on top.
     */
    public Builder nodeMonitorConfig(NodeMonitorConfig template) {
      this.nodeMonitorTemplate = java.util.Objects.requireNonNull(template, "nodeMonitorConfig");
      return this;
    }

    /**
     * The settings every scheduler starts from (default: {@link SchedulerConfig#defaults()}); the
     * cluster sets host and ports on top.
     */
    public Builder schedulerConfig(SchedulerConfig template) {
      this.schedulerTemplate = java.util.Objects.requireNonNull(template, "schedulerConfig");
      return this;
    }

    /** Seeds the schedulers' placement randomness. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public LocalCluster build() {
      return new LocalCluster(this);
    }

    private static int requireAtLeast(int n, int min, String what) {
      if (n < min) {
        throw new IllegalArgumentException(what + " must be at least " + min + ", got " + n);
      }
      return n;
    }
  }
}
