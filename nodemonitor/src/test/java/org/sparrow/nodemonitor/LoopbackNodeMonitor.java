package org.sparrow.nodemonitor;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.sparrow.common.Closeables;
import org.sparrow.common.InMemoryClusterDirectory;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TEnqueueResult;
import org.sparrow.thrift.TReservation;

/**
 * One node monitor daemon over real Thrift on 127.0.0.1 (2 slots, any ports), announced in an
 * in-memory directory and fed by a {@link FakeScheduler}: started before each test, closed after
 * it. Register as a {@code @RegisterExtension} instance field; a test class says only what its
 * node monitor has beyond that.
 */
final class LoopbackNodeMonitor implements BeforeEachCallback, AfterEachCallback {

  final InMemoryClusterDirectory directory = new InMemoryClusterDirectory("test");
  /** A scheduler's clients to node monitors' internal port. */
  final ClientPool<NodeMonitorInternalService.Client> clients =
      ClientPool.builder(NodeMonitorInternalService.Client::new).build();
  private final UnaryOperator<NodeMonitorConfig.Builder> config;
  private final UnaryOperator<NodeMonitorDaemon.Builder> daemon;
  private FakeScheduler scheduler;
  private NodeMonitorDaemon nm;

  LoopbackNodeMonitor() {
    this(UnaryOperator.identity());
  }

  /** With what the test class adds to the configuration. */
  LoopbackNodeMonitor(UnaryOperator<NodeMonitorConfig.Builder> config) {
    this(config, UnaryOperator.identity());
  }

  /** With what the test class adds to the configuration and to the daemon's builder. */
  LoopbackNodeMonitor(UnaryOperator<NodeMonitorConfig.Builder> config, UnaryOperator<NodeMonitorDaemon.Builder> daemon) {
    this.config = config;
    this.daemon = daemon;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    scheduler = new FakeScheduler().start();
    NodeMonitorConfig c = config.apply(NodeMonitorConfig.builder().slots(2).bindHost("127.0.0.1")
        .advertisedHost("127.0.0.1").internalPort(0).backendPort(0)).build();
    nm = daemon.apply(NodeMonitorDaemon.builder().directory(directory).config(c)).build().start();
  }

  @Override
  public void afterEach(ExtensionContext context) {
    Closeables.closeAll(nm, scheduler, clients);
  }

  NodeMonitorDaemon daemon() {
    return nm;
  }

  FakeScheduler scheduler() {
    return scheduler;
  }

  /** Enqueues {@code reservations} on the node monitor's internal port, as a scheduler does. */
  TEnqueueResult enqueue(TReservation... reservations) throws Exception {
    return clients.call(nm.internalAddress(), c -> c.enqueueReservations(List.of(reservations)));
  }
}
