package org.sparrow.nodemonitor;

import java.io.IOException;
import java.util.function.Consumer;
import org.sparrow.common.Closeables;
import org.sparrow.common.thrift.FrameBudget;
import org.sparrow.common.thrift.ThriftServer;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.NodeMonitorService;

/**
 * A node monitor's two ports: NodeMonitorInternalService (schedulers) and NodeMonitorService
 * (backends), bound as the settings say, sharing one request budget, and both reporting a server
 * that stops serving to the daemon's fatal path.
 */
final class NodeMonitorServers implements AutoCloseable {

  /** Bytes of requests both servers may hold at once (frames and what they decode into). */
  private final FrameBudget requestBudget = FrameBudget.forHeap();
  private final NodeMonitorConfig settings;
  private final Consumer<Throwable> fatal;
  private ThriftServer internal;
  private ThriftServer backend;

  NodeMonitorServers(NodeMonitorConfig settings, Consumer<Throwable> fatal) {
    this.settings = settings;
    this.fatal = fatal;
  }

  /** Binds the internal port; the close closes it even if the backend port then fails. */
  void startInternal(NodeMonitorInternalService.Iface handler) throws IOException {
    internal = ThriftServer.builder("nodemonitor-internal", new NodeMonitorInternalService.Processor<>(handler))
        // Enqueue, cancel and load only touch the core under its lock; fetches and launches
        // run on their own pools. So the calls run on the selector threads: no hand-off.
        .workerThreads(0)
        .bindHost(settings.bindHost())
        .port(settings.internalPort())
        .budget(requestBudget)
        .onFailure(fatal)
        .build()
        .start();
  }

  void startBackend(NodeMonitorService.Iface handler) throws IOException {
    backend = ThriftServer.builder("nodemonitor-backend", new NodeMonitorService.Processor<>(handler))
        .bindHost(settings.bindHost())
        .port(settings.backendPort())
        .budget(requestBudget)
        .onFailure(fatal)
        .build()
        .start();
  }

  /** The bound internal port; null before {@link #startInternal}. */
  ThriftServer internal() {
    return internal;
  }

  ThriftServer backend() {
    return backend;
  }

  @Override
  public void close() {
    Closeables.closeQuietly(internal);
    Closeables.closeQuietly(backend);
  }
}
