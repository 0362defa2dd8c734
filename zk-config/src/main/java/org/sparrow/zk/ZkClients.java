package org.sparrow.zk;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.curator.RetryPolicy;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.CuratorEventType;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.sparrow.common.NamedThreads;

/** Builds CuratorFramework clients the way daemons and the CLI need them. */
public final class ZkClients {

  public static final int DEFAULT_SESSION_TIMEOUT_MS = 15_000;
  public static final int DEFAULT_CONNECTION_TIMEOUT_MS = 10_000;

  private ZkClients() {}

  /**
   * Retries foreground operations (settings writes, parent creation) a few times with
   * exponential backoff. Kept short on purpose: recipes (caches, ephemeral registrations) recover
   * by themselves on reconnection, and a long policy would only delay a clear failure.
   */
  public static RetryPolicy defaultRetryPolicy() {
    return new ExponentialBackoffRetry(100, 3, 1_000);
  }

  /** A new, not yet started client with the default timeouts. */
  public static CuratorFramework newClient(String connectString) {
    return newClient(connectString, DEFAULT_SESSION_TIMEOUT_MS, DEFAULT_CONNECTION_TIMEOUT_MS);
  }

  /**
   * A new, not yet started client. The session timeout bounds how long a dead member stays
   * visible (ZooKeeper clamps it to 2..20 ticks); the connection timeout bounds each attempt to
   * reach the ensemble.
   */
  public static CuratorFramework newClient(String connectString, int sessionTimeoutMs, int connectionTimeoutMs) {
    checkConnectString(connectString);
    if (sessionTimeoutMs <= 0 || connectionTimeoutMs <= 0) {
      throw new IllegalArgumentException("ZooKeeper timeouts must be positive, got session "
          + sessionTimeoutMs + " ms and connection " + connectionTimeoutMs + " ms");
    }
    // Curator's default notification executor is never shut down; ours stops when the client
    // closes, so a closed client leaves no thread behind. Tasks after shutdown are dropped.
    ThreadPoolExecutor notifications = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
        new LinkedBlockingQueue<>(), NamedThreads.daemon("zk-notify"), new ThreadPoolExecutor.DiscardPolicy());
    CuratorFramework client = CuratorFrameworkFactory.builder()
        .connectString(connectString.trim())
        .sessionTimeoutMs(sessionTimeoutMs)
        .connectionTimeoutMs(connectionTimeoutMs)
        .retryPolicy(defaultRetryPolicy())
        .runSafeService(notifications)
        .build();
    client.getCuratorListenable().addListener((c, event) -> {
      if (event.getType() == CuratorEventType.CLOSING) {
        notifications.shutdown();
      }
    });
    return client;
  }

  /** Waits until the (started) client is connected; the error names the ensemble and the wait. */
  public static void awaitConnected(CuratorFramework client, long timeoutMs) {
    boolean connected;
    try {
      connected = client.blockUntilConnected((int) Math.min(Integer.MAX_VALUE, timeoutMs), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to ZooKeeper at " + connectString(client), e);
    }
    if (!connected) {
      throw new IllegalStateException("cannot reach ZooKeeper at " + connectString(client) + " within " + timeoutMs + " ms");
    }
  }

  /** The ensemble a client talks to, for messages. */
  public static String connectString(CuratorFramework client) {
    try {
      return client.getZookeeperClient().getCurrentConnectionString();
    } catch (RuntimeException e) {
      return "(unknown ensemble)";
    }
  }

  static String checkConnectString(String connectString) {
    if (connectString == null || connectString.isBlank()) {
      throw new IllegalArgumentException("ZooKeeper connect string is empty; expected host:port[,host:port...][/chroot]");
    }
    return connectString;
  }
}
