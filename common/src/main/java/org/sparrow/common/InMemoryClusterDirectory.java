package org.sparrow.common;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/** A {@link ClusterDirectory} in this JVM only; for logic tests and the simulator. */
public final class InMemoryClusterDirectory implements ClusterDirectory {

  private final String clusterName;
  private final StaticMembership<NodeMonitorInfo> nodeMonitors = new StaticMembership<>();
  private final StaticMembership<SchedulerInfo> schedulers = new StaticMembership<>();
  private volatile ClusterSettings settings = ClusterSettings.defaults();
  private final List<Consumer<ClusterSettings>> settingsListeners = new CopyOnWriteArrayList<>();

  public InMemoryClusterDirectory(String clusterName) {
    this.clusterName = clusterName;
  }

  @Override
  public String clusterName() {
    return clusterName;
  }

  @Override
  public StaticMembership<NodeMonitorInfo> nodeMonitors() {
    return nodeMonitors;
  }

  @Override
  public StaticMembership<SchedulerInfo> schedulers() {
    return schedulers;
  }

  @Override
  public Registration<NodeMonitorInfo> register(NodeMonitorInfo info) {
    nodeMonitors.put(info.id(), info);
    return registration(nodeMonitors, info.id());
  }

  @Override
  public Registration<SchedulerInfo> register(SchedulerInfo info) {
    schedulers.put(info.id(), info);
    return registration(schedulers, info.id());
  }

  private static <T> Registration<T> registration(StaticMembership<T> members, String id) {
    AtomicBoolean closed = new AtomicBoolean();
    return new Registration<>() {
      @Override
      public void update(T info) {
        if (!closed.get()) {
          members.put(id, info);
        }
      }

      @Override
      public void close() {
        if (closed.compareAndSet(false, true)) {
          members.remove(id);
        }
      }
    };
  }

  @Override
  public ClusterSettings settings() {
    return settings;
  }

  @Override
  public synchronized void writeSettings(ClusterSettings settings) {
    Objects.requireNonNull(settings, "settings");
    ClusterSettings before = this.settings;
    this.settings = settings;
    if (!settings.equals(before)) {
      settingsListeners.forEach(l -> l.accept(settings));
    }
  }

  @Override
  public AutoCloseable addSettingsListener(Consumer<ClusterSettings> listener) {
    Objects.requireNonNull(listener, "listener");
    settingsListeners.add(listener);
    return () -> settingsListeners.remove(listener);
  }

  private final java.util.Map<String, Long> schedulerDrains = new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<String, java.util.function.LongConsumer> schedulerDrainWatches =
      new java.util.concurrent.ConcurrentHashMap<>();

  @Override
  public AutoCloseable watchSchedulerDrain(String schedulerId, java.util.function.LongConsumer onDrain) {
    java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.function.LongConsumer once = ms -> {
      if (fired.compareAndSet(false, true)) {
        onDrain.accept(ms);
      }
    };
    schedulerDrainWatches.put(schedulerId, once);
    Long already = schedulerDrains.get(schedulerId);
    if (already != null) {
      once.accept(already);
    }
    return () -> schedulerDrainWatches.remove(schedulerId, once);
  }

  /** Sets the scheduler's drain flag, as the ZooKeeper drain znode does. */
  public void requestSchedulerDrain(String schedulerId, long timeoutMs) {
    schedulerDrains.put(schedulerId, timeoutMs);
    java.util.function.LongConsumer w = schedulerDrainWatches.get(schedulerId);
    if (w != null) {
      w.accept(timeoutMs);
    }
  }

  @Override
  public void close() {}
}
