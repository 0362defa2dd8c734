package org.sparrow.common.thrift;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.sparrow.common.LoadProbe;
import org.sparrow.common.NamedThreads;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TNodeLoad;

/**
 * Reads node monitors' load with {@code NodeMonitorInternalService.getLoad}, a few at a time on
 * an owned pool (each call bounded by the timeout, so one dead node monitor holds one thread for
 * at most that long). For tools and status pages; the scheduler probes on its own RPC executor.
 */
public final class ThriftLoadProbe implements LoadProbe, AutoCloseable {

  private final ClientPool<NodeMonitorInternalService.Client> pool;
  private final ExecutorService executor;

  public ThriftLoadProbe(int timeoutMs, int threads) {
    this.pool = ClientPool.builder(NodeMonitorInternalService.Client::new)
        .connectTimeoutMs(timeoutMs).socketTimeoutMs(timeoutMs).maxIdlePerPeer(1).build();
    this.executor = Executors.newFixedThreadPool(threads, NamedThreads.daemon("load-probe"));
  }

  @Override
  public CompletionStage<NodeLoad> probe(NodeMonitorInfo node) {
    return CompletableFuture.supplyAsync(() -> {
      try {
        TNodeLoad load = pool.call(node.internalAddress(), NodeMonitorInternalService.Client::getLoad);
        return LoadWire.fromWire(load);
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    }, executor);
  }

  @Override
  public void close() {
    executor.shutdownNow();
    pool.close();
  }
}
