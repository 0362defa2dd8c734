package org.sparrow.zk;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.api.CuratorEventType;
import org.apache.curator.framework.api.CuratorListener;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.sparrow.common.ApplicationMasterInfo;
import org.sparrow.common.Closeables;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.Membership;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.Registration;
import org.sparrow.common.SchedulerInfo;

/**
 * The ZooKeeper membership plane of one cluster (layout in {@link ZkPaths}). Views are
 * pushed by Curator caches; {@link #start()} returns only after they hold the members that
 * already existed, so a freshly started scheduler sees the cluster at once.
 *
 * <p>Membership and settings listeners run on the client's single notification thread
 * ("zk-notify-N" for clients from {@link ZkClients}), in the order ZooKeeper made the changes;
 * they must not block. {@code snapshot()} is an immutable map, rebuilt at most once per change.
 *
 * <pre>
 * ZkClusterDirectory dir = ZkClusterDirectory.builder()
 *     .connectString("127.0.0.1:2181").clusterName("default").build();
 * dir.start();
 * </pre>
 */
public final class ZkClusterDirectory implements ClusterDirectory {

  private final Lifecycle lifecycle = new Lifecycle("ZkClusterDirectory");
  private final CuratorFramework client;
  private final boolean ownsClient;
  private final int connectionTimeoutMs;
  private final ZkPaths paths;
  private final ZkMembership<NodeMonitorInfo> nodeMonitors;
  private final ZkMembership<SchedulerInfo> schedulers;
  private final ZkSettingsView settings;
  private final Map<String, ZkRegistration<?>> registrations = new ConcurrentHashMap<>();
  private final CuratorListener clientClosing = (c, event) -> {
    if (event.getType() == CuratorEventType.CLOSING) {
      // Someone closed a client we do not own under us. Stop the registrations now: a
      // PersistentNode left running on a closed client retries its create forever.
      closeRegistrations();
    }
  };

  /** Where a fatal error of a cache or a listener goes (the daemon this directory serves). */
  private final java.util.function.Consumer<Throwable> fatal;

  private ZkClusterDirectory(Builder b) {
    this.paths = new ZkPaths(b.clusterName);
    this.connectionTimeoutMs = b.connectionTimeoutMs;
    this.ownsClient = b.client == null;
    this.client = ownsClient ? ZkClients.newClient(b.connectString, b.sessionTimeoutMs, b.connectionTimeoutMs) : b.client;
    this.fatal = b.fatal;
    this.nodeMonitors = new ZkMembership<>(client, paths.nodeMonitorsPath(), MemberCodec::decodeNodeMonitor, fatal);
    this.schedulers = new ZkMembership<>(client, paths.schedulersPath(), MemberCodec::decodeScheduler, fatal);
    this.settings = new ZkSettingsView(client, paths.settingsPath(), fatal);
    client.getCuratorListenable().addListener(clientClosing);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects (at most connectionTimeoutMs), creates the cluster's parent znodes and loads the
   * views (again bounded). On failure everything started so far is closed and the error says why,
   * e.g. "cannot reach ZooKeeper at 127.0.0.1:2181 within 10000 ms".
   */
  public void start() {
    lifecycle.markStarted();
    try {
      if (ownsClient) {
        client.start();
      } else if (client.getState() != CuratorFrameworkState.STARTED) {
        throw new IllegalStateException("the CuratorFramework given to client(...) is " + client.getState()
            + "; start it before starting the directory");
      }
      long deadline = System.nanoTime() + Duration.ofMillis(connectionTimeoutMs).toNanos();
      ZkClients.awaitConnected(client, connectionTimeoutMs);
      createParents();
      nodeMonitors.start();
      schedulers.start();
      settings.start();
      awaitLoaded(deadline);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private void createParents() {
    for (String path : new String[] {paths.nodeMonitorsPath(), paths.schedulersPath()}) {
      try {
        client.create().creatingParentsIfNeeded().forPath(path);
      } catch (KeeperException.NodeExistsException alreadyThere) {
        // Normal: another member created it first.
      } catch (Exception e) {
        throw new IllegalStateException("cannot create " + path + " in ZooKeeper at "
            + ZkClients.connectString(client) + ": " + e, e);
      }
    }
  }

  private void awaitLoaded(long deadlineNanos) {
    try {
      boolean loaded = nodeMonitors.awaitInitialized(remaining(deadlineNanos))
          && schedulers.awaitInitialized(remaining(deadlineNanos))
          && settings.awaitInitialized(remaining(deadlineNanos));
      if (!loaded) {
        throw new IllegalStateException("membership of cluster '" + paths.clusterName() + "' did not load from "
            + ZkClients.connectString(client) + " within " + connectionTimeoutMs + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading membership of cluster '" + paths.clusterName() + "'", e);
    }
  }

  private static Duration remaining(long deadlineNanos) {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  @Override
  public String clusterName() {
    return paths.clusterName();
  }

  /** The znode layout of this cluster. */
  public ZkPaths paths() {
    return paths;
  }

  /** The underlying client (owned by this directory unless it was given to the builder). */
  public CuratorFramework client() {
    return client;
  }

  @Override
  public Membership<NodeMonitorInfo> nodeMonitors() {
    return nodeMonitors;
  }

  @Override
  public Membership<SchedulerInfo> schedulers() {
    return schedulers;
  }

  /**
   * Creates /sparrow/&lt;cluster&gt;/nodemonitors/&lt;id&gt; (EPHEMERAL, re-created after a session
   * loss). Waits at most connectionTimeoutMs for the znode; see {@link ZkRegistration} for what
   * happens when a previous session still holds the same id.
   *
   * @throws IllegalStateException if this directory already registered the id, or on timeout
   */
  @Override
  public Registration<NodeMonitorInfo> register(NodeMonitorInfo info) {
    Objects.requireNonNull(info, "info");
    return register(paths.nodeMonitorPath(info.id()), info, NodeMonitorInfo::id);
  }

  /** Creates /sparrow/&lt;cluster&gt;/schedulers/&lt;id&gt;; as {@link #register(NodeMonitorInfo)}. */
  @Override
  public Registration<SchedulerInfo> register(SchedulerInfo info) {
    Objects.requireNonNull(info, "info");
    return register(paths.schedulerPath(info.id()), info, SchedulerInfo::id);
  }

  /**
   * Announces the cluster's YARN ApplicationMaster at /sparrow/&lt;cluster&gt;/am (EPHEMERAL, as
   * members are) until the registration is closed. A new attempt's entry replaces the old one
   * once the old attempt's session has ended.
   */
  public Registration<ApplicationMasterInfo> register(ApplicationMasterInfo info) {
    Objects.requireNonNull(info, "info");
    return register(paths.applicationMasterPath(), info, ApplicationMasterInfo::attemptId);
  }

  /** The running ApplicationMaster's entry, read now; empty when the cluster has none (not on YARN). */
  public Optional<ApplicationMasterInfo> applicationMaster() {
    lifecycle.checkStarted();
    String path = paths.applicationMasterPath();
    try {
      return Optional.of(MemberCodec.decode(path, client.getData().forPath(path), ApplicationMasterInfo.class));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + path + " from ZooKeeper: " + e.getMessage(), e);
    }
  }

  private <T> Registration<T> register(String path, T info, Function<T, String> idOf) {
    lifecycle.checkStarted();
    ZkRegistration<T> tracked = new ZkRegistration<>(client, path, info, idOf, r -> registrations.remove(path, r));
    // Two PersistentNodes on one path in one session would undo each other's close().
    if (registrations.putIfAbsent(path, tracked) != null) {
      throw new IllegalStateException(path + " is already registered by this directory; update() that registration");
    }
    try {
      tracked.start(connectionTimeoutMs);
    } catch (RuntimeException e) {
      registrations.remove(path, tracked);
      throw e;
    }
    return tracked;
  }

  @Override
  public ClusterSettings settings() {
    return settings.current();
  }

  /** Hears every change of the cluster settings (on a Curator thread; must not block). */
  @Override
  public AutoCloseable addSettingsListener(Consumer<ClusterSettings> listener) {
    return settings.addListener(listener);
  }

  /** Creates or overwrites the PERSISTENT settings znode; {@link #settings()} reflects it at once. */
  @Override
  public void writeSettings(ClusterSettings newSettings) {
    Objects.requireNonNull(newSettings, "settings");
    lifecycle.checkStarted();
    String path = paths.settingsPath();
    byte[] data = MemberCodec.encode(newSettings);
    try {
      Stat stat = setOrCreate(path, data);
      settings.written(newSettings, stat.getMzxid());
    } catch (Exception e) {
      throw new IllegalStateException("cannot write cluster settings to " + path + ": " + e, e);
    }
  }

  @Override
  public AutoCloseable watchSchedulerDrain(String schedulerId, java.util.function.LongConsumer onDrain) {
    lifecycle.checkStarted();
    return ZkDrainWatch.start(client, paths.drainScheduler(schedulerId), r -> onDrain.accept(r.timeoutMs()), fatal);
  }

  private Stat setOrCreate(String path, byte[] data) throws Exception {
    while (true) {
      try {
        return client.setData().forPath(path, data);
      } catch (KeeperException.NoNodeException absent) {
        try {
          Stat stat = new Stat();
          client.create().creatingParentsIfNeeded().storingStatIn(stat).forPath(path, data);
          return stat;
        } catch (KeeperException.NodeExistsException raced) {
          // Someone created it between our two calls: overwrite theirs on the next round.
        }
      }
    }
  }

  /** Withdraws this process's registrations, stops the views and closes the client if owned. */
  @Override
  public void close() {
    if (!lifecycle.markClosed()) {
      return;
    }
    closeRegistrations();
    client.getCuratorListenable().removeListener(clientClosing);
    Closeables.closeQuietly(nodeMonitors);
    Closeables.closeQuietly(schedulers);
    Closeables.closeQuietly(settings);
    if (ownsClient) {
      Closeables.closeQuietly(client);
    }
  }

  private void closeRegistrations() {
    for (ZkRegistration<?> r : new ArrayList<>(registrations.values())) {
      Closeables.closeQuietly(r);
    }
  }

  @Override
  public String toString() {
    return "ZkClusterDirectory[" + paths + "]";
  }

  /** Configuration; either connectString(...) or client(...) is required. */
  public static final class Builder {
    private String connectString;
    private CuratorFramework client;
    private String clusterName = "default";
    private int sessionTimeoutMs = ZkClients.DEFAULT_SESSION_TIMEOUT_MS;
    private int connectionTimeoutMs = ZkClients.DEFAULT_CONNECTION_TIMEOUT_MS;
    private java.util.function.Consumer<Throwable> fatal = org.sparrow.common.Guarded.processFatalPath();

    private Builder() {}

    /**
     * Where a fatal error in a membership, settings or drain listener goes. Default: the
     * process's fatal path ({@link org.sparrow.common.Guarded#processFatalPath()}), right for a
     * daemon process; a directory serving one of several daemons in a JVM (local mode) passes
     * that daemon's, so only that daemon leaves.
     */
    public Builder fatalPath(java.util.function.Consumer<Throwable> fatal) {
      this.fatal = java.util.Objects.requireNonNull(fatal, "fatal");
      return this;
    }

    /** ZooKeeper ensemble "host:port[,host:port...][/chroot]"; the directory owns its client. */
    public Builder connectString(String connectString) {
      this.connectString = connectString;
      return this;
    }

    /** Uses a started client the caller owns and closes (the directory never closes it). */
    public Builder client(CuratorFramework client) {
      this.client = client;
      return this;
    }

    /** Default "default"; must match [A-Za-z0-9_.-]{1,64}. */
    public Builder clusterName(String clusterName) {
      this.clusterName = clusterName;
      return this;
    }

    /** How long a member outlives its dead process (default 15000; only with connectString). */
    public Builder sessionTimeoutMs(int sessionTimeoutMs) {
      this.sessionTimeoutMs = sessionTimeoutMs;
      return this;
    }

    /** Bound on connecting, loading the views and creating a registration (default 10000). */
    public Builder connectionTimeoutMs(int connectionTimeoutMs) {
      this.connectionTimeoutMs = connectionTimeoutMs;
      return this;
    }

    public ZkClusterDirectory build() {
      ZkPaths.checkClusterName(clusterName);
      if ((connectString == null) == (client == null)) {
        throw new IllegalArgumentException("give exactly one of connectString(...) or client(...)");
      }
      if (client == null) {
        ZkClients.checkConnectString(connectString);
      }
      if (sessionTimeoutMs <= 0 || connectionTimeoutMs <= 0) {
        throw new IllegalArgumentException("ZooKeeper timeouts must be positive, got session "
            + sessionTimeoutMs + " ms and connection " + connectionTimeoutMs + " ms");
      }
      return new ZkClusterDirectory(this);
    }
  }
}
