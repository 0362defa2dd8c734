package org.sparrow.common;

/**
 * The membership plane of one named cluster: who is alive, how to announce yourself, and the
 * cluster-wide settings. Daemons and clients depend on this interface only; zk-config provides
 * the ZooKeeper implementation and {@link InMemoryClusterDirectory} serves logic tests and
 * the simulator.
 */
public interface ClusterDirectory extends AutoCloseable {

  /** The cluster name (several clusters can share one ZooKeeper). */
  String clusterName();

  Membership<NodeMonitorInfo> nodeMonitors();

  Membership<SchedulerInfo> schedulers();

  /**
   * Announces a node monitor until the returned registration is closed (ephemeral: it also
   * disappears when this process dies, and is re-created after a session loss).
   */
  Registration<NodeMonitorInfo> register(NodeMonitorInfo info);

  Registration<SchedulerInfo> register(SchedulerInfo info);

  /** Current cluster settings (defaults if none were ever written). */
  ClusterSettings settings();

  /** Replaces the cluster settings; every member sees the change. */
  void writeSettings(ClusterSettings settings);

  /**
   * Calls {@code onDrain} with the requested drain timeout (ms; 0 = the daemon's own) once the
   * drain flag of the scheduler with this id is set (ZooKeeper:
   * /sparrow/&lt;cluster&gt;/drain/schedulers/&lt;id&gt;, JSON {"timeoutMs": N}), also if it is set
   * already. Until the returned handle is closed. Directories without drain flags never call.
   */
  default AutoCloseable watchSchedulerDrain(String schedulerId, java.util.function.LongConsumer onDrain) {
    return () -> {};
  }

  /**
   * Hears every change of the cluster settings (node monitors apply queue policy changes live).
   * Listeners must not block. Closing the handle stops them.
   */
  AutoCloseable addSettingsListener(java.util.function.Consumer<ClusterSettings> listener);

  @Override
  void close();
}
