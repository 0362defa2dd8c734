package org.sparrow.am.zk;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.DrainWatch;
import org.sparrow.am.Role;
import org.sparrow.common.Clock;
import org.sparrow.common.ClusterDirectory;
import org.sparrow.common.Lifecycle;
import org.sparrow.common.NamedThreads;
import org.sparrow.zk.ZkPaths;

/**
 * Carries out drains through ZooKeeper (the drain contract): it creates the PERSISTENT znode
 * {@code /sparrow/<cluster>/drain/<nodemonitors|schedulers>/<id>} holding {@code {"timeoutMs": N}},
 * watches the membership until the daemon's entry is gone (or the timeout plus a grace passed),
 * then reports the drain as over; {@link #endDrain} deletes the znode after the release.
 *
 * <p>Everything runs on one owned thread, so that the AM's plan executor, which must not block,
 * only queues work here; the membership is checked a few times a second.
 */
public final class ZkDrainer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ZkDrainer.class);
  private static final long CHECK_EVERY_MS = 250;

  private final CuratorFramework curator;
  private final ZkPaths paths;
  private final ClusterDirectory directory;
  private final Function<ContainerRef, Optional<String>> daemonOf;
  private final Clock clock;
  private final long graceMs;
  private final Lifecycle lifecycle = new Lifecycle("drainer");
  private final ScheduledExecutorService thread =
      Executors.newSingleThreadScheduledExecutor(NamedThreads.daemon("am-drainer"));
  /** Owned by the drainer thread. */
  private final DrainWatch watch = new DrainWatch();
  private final Map<String, String> znodeByContainer = new HashMap<>();
  private volatile BiConsumer<String, String> onDrained = (id, how) -> {};

  /**
   * @param daemonOf the membership id of the daemon in a container, if one is registered
   * @param graceMs  time on top of the drain timeout for the daemon to report and deregister
   */
  public ZkDrainer(CuratorFramework curator, String cluster, ClusterDirectory directory,
      Function<ContainerRef, Optional<String>> daemonOf, Clock clock, long graceMs) {
    this.curator = curator;
    this.paths = new ZkPaths(cluster);
    this.directory = directory;
    this.daemonOf = daemonOf;
    this.clock = clock;
    this.graceMs = graceMs;
  }

  /** Where to report that a drain is over: (container id, how). Set before the first drain. */
  public void onDrained(BiConsumer<String, String> listener) {
    this.onDrained = listener;
  }

  public ZkDrainer start() {
    lifecycle.markStarted();
    thread.execute(this::createParents);
    thread.scheduleWithFixedDelay(this::check, CHECK_EVERY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    return this;
  }

  public void drain(ContainerRef container, long timeoutMs) {
    thread.execute(() -> {
      String daemon = daemonOf.apply(container).orElse(null);
      if (daemon != null) {
        String path = container.role() == Role.SCHEDULER ? paths.drainScheduler(daemon) : paths.drainNodeMonitor(daemon);
        try {
          byte[] data = ("{\"timeoutMs\":" + timeoutMs + "}").getBytes(StandardCharsets.UTF_8);
          try {
            curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(path, data);
          } catch (KeeperException.NodeExistsException e) {
            curator.setData().forPath(path, data);
          }
          znodeByContainer.put(container.id(), path);
          LOG.info("Draining {} {} in container {} (timeout {} ms): created {}", container.role().label(), daemon,
              container.id(), timeoutMs, path);
        } catch (Exception e) {
          // Without the znode the daemon cannot know: it is released at the deadline as before.
          LOG.warn("Could not create the drain request {} for container {}", path, container.id(), e);
        }
      }
      watch.start(container, daemon, clock.currentTimeMillis() + timeoutMs + graceMs);
      check();
    });
  }

  public void endDrain(ContainerRef container) {
    thread.execute(() -> {
      watch.forget(container.id());
      String path = znodeByContainer.remove(container.id());
      if (path != null) {
        try {
          curator.delete().forPath(path);
        } catch (KeeperException.NoNodeException e) {
          // Already gone.
        } catch (Exception e) {
          LOG.warn("Could not delete the drain request {}", path, e);
        }
      }
    });
  }

  /**
   * Deletes every drain request of the cluster (the application is ending): a later daemon
   * with a recycled host:port must not find a stale one and drain at once.
   */
  public void removeAll() {
    try {
      curator.delete().deletingChildrenIfNeeded().forPath(paths.clusterPath() + "/drain");
    } catch (KeeperException.NoNodeException e) {
      // None were made.
    } catch (Exception e) {
      LOG.warn("Could not remove the drain requests under {}", paths.clusterPath(), e);
    }
  }

  /**
   * The two parents exist while the AM runs, so that an operator's {@code ls .../drain/nodemonitors}
   * answers {@code []} when nothing drains rather than "Node does not exist".
   */
  private void createParents() {
    for (String parent : List.of(paths.clusterPath() + "/drain/nodemonitors", paths.clusterPath() + "/drain/schedulers")) {
      try {
        curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(parent);
      } catch (KeeperException.NodeExistsException e) {
        // An earlier attempt made it.
      } catch (Exception e) {
        LOG.warn("Could not create {} (drains still work: each request creates its parents)", parent, e);
      }
    }
  }

  private void check() {
    if (watch.isEmpty()) {
      return;
    }
    try {
      Set<String> nodeMonitors = Set.copyOf(directory.nodeMonitors().snapshot().keySet());
      Set<String> schedulers = Set.copyOf(directory.schedulers().snapshot().keySet());
      List<DrainWatch.Over> over = watch.check(clock.currentTimeMillis(), nodeMonitors, schedulers);
      for (DrainWatch.Over o : over) {
        onDrained.accept(o.containerId(), o.how());
      }
    } catch (RuntimeException e) {
      LOG.warn("Drain check failed", e);
    }
  }

  @Override
  public void close() {
    if (lifecycle.markClosed()) {
      thread.shutdownNow();
    }
  }
}
