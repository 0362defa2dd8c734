package org.sparrow.zk;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded ZooKeeper for a test class ({@code @RegisterExtension static final}), and the
 * directories and clients a test opens on it, closed after each test in reverse order.
 */
final class ZkFixture implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

  private EmbeddedZooKeeper zk;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @Override
  public void beforeAll(ExtensionContext context) {
    zk = EmbeddedZooKeeper.builder().build();
    zk.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    zk.close();
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    try {
      for (int i = toClose.size() - 1; i >= 0; i--) {
        toClose.get(i).close();
      }
    } finally {
      toClose.clear();
    }
  }

  String connectString() {
    return zk.connectString();
  }

  /** A started directory of {@code cluster}, closed after the test. */
  ZkClusterDirectory directory(String cluster) {
    return directory(cluster, UnaryOperator.identity());
  }

  /** The same, with what the test adds to the builder (a fatal path, say). */
  ZkClusterDirectory directory(String cluster, UnaryOperator<ZkClusterDirectory.Builder> more) {
    return start(more.apply(ZkClusterDirectory.builder().connectString(zk.connectString()).clusterName(cluster)
        .sessionTimeoutMs(10_000).connectionTimeoutMs(5_000)).build());
  }

  /** Starts {@code dir} (built on a client of the test's own, say) and closes it after the test. */
  ZkClusterDirectory start(ZkClusterDirectory dir) {
    closeAfterTheTest(dir);
    dir.start();
    return dir;
  }

  /** A connected client of its own, closed after the test. */
  CuratorFramework client() {
    CuratorFramework c = ZkClients.newClient(zk.connectString(), 10_000, 5_000);
    closeAfterTheTest(c);
    c.start();
    ZkClients.awaitConnected(c, 5_000);
    return c;
  }

  <T extends AutoCloseable> T closeAfterTheTest(T closeable) {
    toClose.add(closeable);
    return closeable;
  }
}
