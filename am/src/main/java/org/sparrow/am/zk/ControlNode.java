package org.sparrow.am.zk;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PERSISTENT znode {@code /sparrow/<cluster>/yarn} holding the {@link DesiredState} of the
 * cluster's YARN deployment. The client writes it (submit, resize, stop); the AM watches it.
 * Updates are compare-and-set on the znode version, so concurrent resizes do not get lost.
 */
public final class ControlNode implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ControlNode.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CuratorFramework curator;
  private final String path;
  private CuratorCache cache;

  public ControlNode(CuratorFramework curator, String cluster) {
    this.curator = curator;
    this.path = pathOf(cluster);
  }

  public static String pathOf(String cluster) {
    return "/sparrow/" + cluster + "/yarn";
  }

  public String path() {
    return path;
  }

  public Optional<DesiredState> read() throws Exception {
    try {
      return Optional.of(decode(curator.getData().forPath(path)));
    } catch (KeeperException.NoNodeException e) {
      return Optional.empty();
    }
  }

  /** Creates or replaces the znode. */
  public void write(DesiredState state) throws Exception {
    byte[] data = JSON.writeValueAsBytes(state);
    try {
      curator.create().creatingParentsIfNeeded().withMode(CreateMode.PERSISTENT).forPath(path, data);
    } catch (KeeperException.NodeExistsException e) {
      curator.setData().forPath(path, data);
    }
  }

  /**
   * Applies a change to the current state, retrying when someone else changed it meanwhile.
   *
   * @throws IllegalStateException if there is no deployment state (nothing submitted)
   */
  public DesiredState update(UnaryOperator<DesiredState> change) throws Exception {
    while (true) {
      Stat stat = new Stat();
      byte[] data;
      try {
        data = curator.getData().storingStatIn(stat).forPath(path);
      } catch (KeeperException.NoNodeException e) {
        throw new IllegalStateException("no YARN deployment is recorded at " + path
            + " in ZooKeeper (was the cluster submitted with this --zk and --cluster?)");
      }
      DesiredState next = change.apply(decode(data));
      try {
        curator.setData().withVersion(stat.getVersion()).forPath(path, JSON.writeValueAsBytes(next));
        return next;
      } catch (KeeperException.BadVersionException e) {
        LOG.debug("{} changed concurrently; retrying", path);
      }
    }
  }

  /** Deletes the znode if it still belongs to this application. */
  public void deleteIfOwnedBy(String applicationId) throws Exception {
    Stat stat = new Stat();
    try {
      DesiredState current = decode(curator.getData().storingStatIn(stat).forPath(path));
      if (current.applicationId().equals(applicationId)) {
        curator.delete().withVersion(stat.getVersion()).forPath(path);
      }
    } catch (KeeperException.NoNodeException | KeeperException.BadVersionException e) {
      // Gone already, or taken over by another submission meanwhile: not ours to delete.
    }
  }

  /** Calls the listener with every new state of the znode (not for deletions). */
  public synchronized void watch(Consumer<DesiredState> listener) {
    if (cache != null) {
      throw new IllegalStateException("already watching " + path);
    }
    cache = CuratorCache.build(curator, path, CuratorCache.Options.SINGLE_NODE_CACHE);
    cache.listenable().addListener(CuratorCacheListener.builder()
        .forCreatesAndChanges((ChildData before, ChildData after) -> {
          try {
            listener.accept(decode(after.getData()));
          } catch (IOException | RuntimeException e) {
            LOG.warn("Ignoring unreadable deployment state at {}: {}", path, e.toString());
          }
        })
        .build());
    cache.start();
  }

  @Override
  public synchronized void close() {
    if (cache != null) {
      cache.close();
      cache = null;
    }
  }

  private static DesiredState decode(byte[] data) throws IOException {
    return JSON.readValue(data, DesiredState.class);
  }
}
