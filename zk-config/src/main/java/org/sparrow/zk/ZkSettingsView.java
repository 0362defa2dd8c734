package org.sparrow.zk;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.sparrow.common.ClusterSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The watched settings znode. {@link #current()} is a volatile read, cheap enough for every
 * placement. Values carry the znode's modification zxid so that an event that was already in
 * flight cannot overwrite a newer value this process just wrote (read-your-writes).
 */
final class ZkSettingsView implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ZkSettingsView.class);

  private record Versioned(ClusterSettings settings, long zxid) {}

  private final String path;
  private final CuratorFramework client;
  private final CuratorCache cache;
  private final CountDownLatch initialized = new CountDownLatch(1);
  private final List<Consumer<ClusterSettings>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final Consumer<Throwable> fatal;
  private volatile Versioned current = new Versioned(ClusterSettings.defaults(), -1);

  ZkSettingsView(CuratorFramework client, String path) {
    this(client, path, org.sparrow.common.Guarded.processFatalPath());
  }

  /** @param fatal where a fatal error of the cache or a listener goes: the owning daemon's path */
  ZkSettingsView(CuratorFramework client, String path, Consumer<Throwable> fatal) {
    this.fatal = java.util.Objects.requireNonNull(fatal, "fatal");
    this.path = path;
    this.client = client;
    this.cache = CuratorCache.build(client, path, CuratorCache.Options.SINGLE_NODE_CACHE);
    cache.listenable().addListener(GuardedCacheListener.wrap("settings cache of " + path, CuratorCacheListener.builder()
        .forCreatesAndChanges((before, after) -> onPresent(after))
        .forDeletes(this::onDeleted)
        .forInitialized(initialized::countDown)
        .build(), fatal));
  }

  void start() {
    cache.start();
  }

  boolean awaitInitialized(Duration timeout) throws InterruptedException {
    return initialized.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  ClusterSettings current() {
    return current.settings();
  }

  AutoCloseable addListener(Consumer<ClusterSettings> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Applies a value this process wrote, stamped with the zxid ZooKeeper returned. */
  void written(ClusterSettings settings, long zxid) {
    offer(settings, zxid, false);
  }

  @Override
  public void close() {
    // A cache of a closed client is inert, and closing it then only makes Curator log errors.
    if (client.getState() == CuratorFrameworkState.STARTED) {
      cache.close();
    }
  }

  private void onPresent(ChildData node) {
    ClusterSettings settings;
    try {
      settings = MemberCodec.decodeSettings(path, node.getData());
    } catch (MalformedZnodeException e) {
      LOG.warn("Keeping cluster settings {}: {}", current(), e.getMessage());
      return;
    }
    offer(settings, node.getStat().getMzxid(), false);
  }

  private void onDeleted(ChildData node) {
    // The deletion happened after the deleted value's zxid; any later create has a larger one.
    offer(ClusterSettings.defaults(), node.getStat().getMzxid(), true);
  }

  private void offer(ClusterSettings settings, long zxid, boolean deletion) {
    // Listeners run under the lock so they see values in zxid order even when a local write and
    // a cache event race; they must not block (as for membership listeners).
    synchronized (lock) {
      Versioned cur = current;
      boolean newer = deletion ? zxid >= cur.zxid() : zxid > cur.zxid();
      if (!newer) {
        return;
      }
      current = new Versioned(settings, zxid);
      if (settings.equals(cur.settings())) {
        return;
      }
      LOG.info("Cluster settings at {} are now {}", path, settings);
      for (Consumer<ClusterSettings> l : listeners) {
        try {
          l.accept(settings);
        } catch (Throwable e) {
          org.sparrow.common.Guarded.route("settings listener " + l, LOG, e, fatal);
        }
      }
    }
  }
}
