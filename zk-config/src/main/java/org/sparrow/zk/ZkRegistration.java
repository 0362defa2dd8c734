package org.sparrow.zk;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.data.Stat;
import org.sparrow.common.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member's EPHEMERAL znode, held by Curator's {@link PersistentNode}: it disappears when the
 * session ends (process death, session expiry) and PersistentNode creates it again, with the
 * latest data, as soon as the client has a new session.
 *
 * <p>If the znode already exists under another session (typically the previous incarnation of
 * this member, restarted on the same host:port before ZooKeeper expired the old session),
 * PersistentNode takes it over: it writes our data into it and, when the old session ends and
 * the znode goes with it, re-creates it under our session. We log a warning when that happens.
 */
final class ZkRegistration<T> implements Registration<T> {

  private static final Logger LOG = LoggerFactory.getLogger(ZkRegistration.class);

  private final CuratorFramework client;
  private final String path;
  private final String id;
  private final Function<T, String> idOf;
  private final PersistentNode node;
  private final Consumer<ZkRegistration<?>> onClose;
  private final AtomicBoolean closed = new AtomicBoolean();

  ZkRegistration(CuratorFramework client, String path, T info, Function<T, String> idOf,
      Consumer<ZkRegistration<?>> onClose) {
    this.client = client;
    this.path = path;
    this.id = idOf.apply(info);
    this.idOf = idOf;
    this.onClose = onClose;
    this.node = new MemberNode(client, path, MemberCodec.encode(info));
  }

  /** Creates the znode, waiting at most timeoutMs; on failure nothing is left behind. */
  void start(long timeoutMs) {
    node.start();
    boolean created;
    try {
      created = node.waitForInitialCreate(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new IllegalStateException("interrupted while registering " + path, e);
    }
    if (!created) {
      close();
      throw new IllegalStateException("could not create znode " + path + " within " + timeoutMs
          + " ms (is ZooKeeper reachable, and may this client write there?)");
    }
    warnIfHeldByAnotherSession();
    LOG.info("Registered {}", path);
  }

  @Override
  public void update(T info) {
    if (closed.get()) {
      throw new IllegalStateException("registration of " + path + " is closed");
    }
    String newId = idOf.apply(info);
    if (!id.equals(newId)) {
      throw new IllegalArgumentException("registration of '" + id + "' cannot change its id to '" + newId
          + "'; close it and register the new id");
    }
    try {
      node.setData(MemberCodec.encode(info));
    } catch (Exception e) {
      throw new IllegalStateException("cannot update " + path + ": " + e.getMessage(), e);
    }
  }

  /** Deletes the znode (best effort if ZooKeeper is gone; the session's end removes it anyway). */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      node.close();
      LOG.info("Unregistered {}", path);
    } catch (Exception e) {
      LOG.warn("Could not delete {} on close ({}); it goes when the ZooKeeper session ends", path, e.toString());
    } finally {
      onClose.accept(this);
    }
  }

  String path() {
    return path;
  }

  private void warnIfHeldByAnotherSession() {
    try {
      Stat stat = client.checkExists().forPath(path);
      long ours = client.getZookeeperClient().getZooKeeper().getSessionId();
      if (stat != null && stat.getEphemeralOwner() != ours) {
        LOG.warn("{} is still held by ZooKeeper session 0x{} (a previous process with the same id?); "
            + "our data replaced it and the znode will be re-created under our session 0x{} when that session ends",
            path, Long.toHexString(stat.getEphemeralOwner()), Long.toHexString(ours));
      }
    } catch (Exception e) {
      LOG.debug("Could not check the owner of {}", path, e);
    }
  }

  /**
   * PersistentNode deletes synchronously on close, retrying while ZooKeeper is unreachable; a
   * daemon shutting down during an outage would hang there. When disconnected we queue a
   * guaranteed background delete instead: it runs on reconnection, or the session's end removes
   * the ephemeral znode anyway. Once the client is closed there is nothing left to do.
   */
  private static final class MemberNode extends PersistentNode {
    private final CuratorFramework client;

    MemberNode(CuratorFramework client, String path, byte[] data) {
      super(client, CreateMode.EPHEMERAL, false, path, data);
      this.client = client;
    }

    @Override
    protected void deleteNode() throws Exception {
      String actual = getActualPath();
      if (client.getState() != CuratorFrameworkState.STARTED) {
        LOG.debug("Client closed: {} goes with its session", actual);
      } else if (actual == null || client.getZookeeperClient().isConnected()) {
        super.deleteNode();
      } else {
        client.delete().guaranteed().inBackground().forPath(actual);
      }
    }
  }

  @Override
  public String toString() {
    return "ZkRegistration[" + path + "]";
  }
}
