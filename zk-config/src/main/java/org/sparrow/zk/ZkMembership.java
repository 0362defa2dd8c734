package org.sparrow.zk;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.sparrow.common.Membership;
import org.sparrow.common.MembershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The members under one parent znode, kept current by a {@link CuratorCache} (a persistent
 * recursive watch: changes are pushed, nothing polls). Curator delivers cache events on one
 * thread per client, in order, so the listeners below see changes in the order ZooKeeper made them.
 * A znode whose data cannot be decoded is logged and left out; the other members stay visible.
 */
final class ZkMembership<T> implements Membership<T>, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ZkMembership.class);

  private final String parentPath;
  private final BiFunction<String, byte[], T> decoder;
  private final CuratorFramework client;
  private final CuratorCache cache;
  private final CountDownLatch initialized = new CountDownLatch(1);
  private final List<MembershipListener<T>> listeners = new CopyOnWriteArrayList<>();

  private final Object lock = new Object();
  private final Consumer<Throwable> fatal;
  private final Map<String, T> members = new HashMap<>(); // guarded by lock
  // Immutable copy of members, rebuilt lazily after a change so a burst of events (the initial
  // load of a big cluster) costs O(n) in total rather than O(n) per event.
  private volatile Map<String, T> published = Map.of();

  /** @param decoder (znode path, data) -> member, throwing {@link MalformedZnodeException} */
  ZkMembership(CuratorFramework client, String parentPath, BiFunction<String, byte[], T> decoder) {
    this(client, parentPath, decoder, org.sparrow.common.Guarded.processFatalPath());
  }

  /** @param fatal where a fatal error of the cache or a listener goes: the owning daemon's path */
  ZkMembership(CuratorFramework client, String parentPath, BiFunction<String, byte[], T> decoder,
      Consumer<Throwable> fatal) {
    this.fatal = java.util.Objects.requireNonNull(fatal, "fatal");
    this.parentPath = parentPath;
    this.decoder = decoder;
    this.client = client;
    this.cache = CuratorCache.build(client, parentPath);
    cache.listenable().addListener(GuardedCacheListener.wrap("membership cache of " + parentPath, CuratorCacheListener.builder()
        .forCreatesAndChanges((before, after) -> onPresent(after))
        .forDeletes(this::onDeleted)
        .forInitialized(initialized::countDown)
        .build(), fatal));
  }

  void start() {
    cache.start();
  }

  /** Waits until the members that existed at start() are loaded; false on timeout. */
  boolean awaitInitialized(Duration timeout) throws InterruptedException {
    return initialized.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public Map<String, T> snapshot() {
    Map<String, T> s = published;
    if (s != null) {
      return s;
    }
    synchronized (lock) {
      if (published == null) {
        published = Map.copyOf(members);
      }
      return published;
    }
  }

  /**
   * Listeners hear about changes from now on (no replay of current members): add the listener
   * first, then read {@link #snapshot()}, so nothing falls between the two.
   */
  @Override
  public AutoCloseable addListener(MembershipListener<T> listener) {
    Objects.requireNonNull(listener, "listener");
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public void close() {
    // A cache of a closed client is inert, and closing it then only makes Curator log errors.
    if (client.getState() == CuratorFrameworkState.STARTED) {
      cache.close();
    }
    synchronized (lock) {
      members.clear();
      published = Map.of();
    }
  }

  private void onPresent(ChildData node) {
    String path = node.getPath();
    if (!isMember(path)) {
      return;
    }
    String id = ZkPaths.nameOf(path);
    T member;
    try {
      member = decoder.apply(path, node.getData());
    } catch (MalformedZnodeException e) {
      LOG.warn("Skipping member {}: {}", id, e.getMessage());
      remove(id);
      return;
    }
    T previous;
    synchronized (lock) {
      previous = members.put(id, member);
      if (member.equals(previous)) {
        return;
      }
      published = null;
    }
    if (previous == null) {
      LOG.debug("Member {} added under {}", id, parentPath);
      notify(l -> l.added(id, member));
    } else {
      LOG.debug("Member {} updated under {}", id, parentPath);
      notify(l -> l.updated(id, member));
    }
  }

  private void onDeleted(ChildData node) {
    if (isMember(node.getPath())) {
      remove(ZkPaths.nameOf(node.getPath()));
    }
  }

  private void remove(String id) {
    T previous;
    synchronized (lock) {
      previous = members.remove(id);
      if (previous == null) {
        return;
      }
      published = null;
    }
    LOG.debug("Member {} removed from {}", id, parentPath);
    notify(l -> l.removed(id, previous));
  }

  /** Only direct children are members; the cache also reports the parent itself. */
  private boolean isMember(String path) {
    return ZkPaths.parentOf(path).equals(parentPath);
  }

  private void notify(Consumer<MembershipListener<T>> call) {
    for (MembershipListener<T> l : listeners) {
      try {
        call.accept(l);
      } catch (Throwable e) {
        // One faulty listener must not starve the others of membership changes; a fatal
        // error also takes the fatal path.
        org.sparrow.common.Guarded.route("membership listener " + l, LOG, e, fatal);
      }
    }
  }
}
