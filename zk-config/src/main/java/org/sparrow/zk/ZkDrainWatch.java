package org.sparrow.zk;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches one member's drain znode and calls the listener once, when the znode exists (already
 * at start, or created later). A znode whose JSON cannot be read still means "drain": the member
 * then uses its own timeout, and the problem is logged.
 *
 * <pre>{@code
 * try (ZkDrainWatch watch = ZkDrainWatch.start(directory.client(),
 *     directory.paths().drainNodeMonitor(id), request -> nm.drain(request.timeoutMs()))) { ... }
 * }</pre>
 */
public final class ZkDrainWatch implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ZkDrainWatch.class);

  private final CuratorFramework client;
  private final String path;
  private final CuratorCache cache;
  private final Consumer<DrainRequest> listener;
  private final AtomicBoolean fired = new AtomicBoolean();
  private final Consumer<Throwable> fatal;

  private ZkDrainWatch(CuratorFramework client, String path, Consumer<DrainRequest> listener,
      Consumer<Throwable> fatal) {
    this.fatal = Objects.requireNonNull(fatal, "fatal");
    this.client = client;
    this.path = path;
    this.listener = listener;
    this.cache = CuratorCache.build(client, path, CuratorCache.Options.SINGLE_NODE_CACHE);
    cache.listenable().addListener(GuardedCacheListener.wrap("drain watch of " + path, CuratorCacheListener.builder()
        .forCreatesAndChanges((before, after) -> onPresent(after))
        .build(), fatal));
  }

  /** Starts watching {@code path}; the listener runs on Curator's event thread and must not block. */
  public static ZkDrainWatch start(CuratorFramework client, String path,
      Consumer<DrainRequest> listener) {
    return start(client, path, listener, org.sparrow.common.Guarded.processFatalPath());
  }

  /** As {@link #start(CuratorFramework, String, Consumer)}; a fatal error goes to {@code fatal}. */
  public static ZkDrainWatch start(CuratorFramework client, String path,
      Consumer<DrainRequest> listener, Consumer<Throwable> fatal) {
    ZkDrainWatch watch = new ZkDrainWatch(Objects.requireNonNull(client, "client"),
        Objects.requireNonNull(path, "path"), Objects.requireNonNull(listener, "listener"), fatal);
    watch.cache.start();
    return watch;
  }

  public String path() {
    return path;
  }

  private void onPresent(ChildData node) {
    if (!fired.compareAndSet(false, true)) {
      return;
    }
    DrainRequest request;
    byte[] data = node.getData();
    if (data == null || data.length == 0) {
      request = new DrainRequest(0);
    } else {
      try {
        request = MemberCodec.decode(path, data, DrainRequest.class);
      } catch (MalformedZnodeException e) {
        LOG.warn("{}; draining with the configured timeout", e.getMessage());
        request = new DrainRequest(0);
      }
    }
    LOG.info("Drain requested through {} (timeoutMs {})", path, request.timeoutMs());
    try {
      listener.accept(request);
    } catch (Throwable e) {
      org.sparrow.common.Guarded.route("starting the drain requested through " + path, LOG, e, fatal);
    }
  }

  @Override
  public void close() {
    if (client.getState() == CuratorFrameworkState.STARTED) {
      cache.close();
    }
  }
}
