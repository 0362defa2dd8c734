package org.sparrow.nodemonitor;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.sparrow.common.Closeables;
import org.sparrow.common.InMemoryClusterDirectory;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TEnqueueResult;
import org.sparrow.thrift.TReservation;

/**
 * Tests of one node monitor daemon over real Thrift on 127.0.0.1 (2 slots, any ports), announced
 * in an in-memory directory and fed by a {@link FakeScheduler}: started before each test, closed
 * after it. A test class overrides {@link #config} or {@link #daemon} for what its node monitor
 * has beyond that.
 */
abstract class NodeMonitorOverLoopback {

  final InMemoryClusterDirectory directory = new InMemoryClusterDirectory("test");
  /** A scheduler's clients to node monitors' internal port. */
  final ClientPool<NodeMonitorInternalService.Client> clients =
      ClientPool.builder(NodeMonitorInternalService.Client::new).build();
  FakeScheduler scheduler;
  NodeMonitorDaemon nm;

  /** What this class's node monitor is configured with beyond the defaults above. */
  NodeMonitorConfig.Builder config(NodeMonitorConfig.Builder defaults) {
    return defaults;
  }

  /** What this class's daemon is built with beyond its directory and configuration. */
  NodeMonitorDaemon.Builder daemon(NodeMonitorDaemon.Builder defaults) {
    return defaults;
  }

  @BeforeEach
  final void startNodeMonitor() throws IOException {
    scheduler = new FakeScheduler().start();
    NodeMonitorConfig c = config(NodeMonitorConfig.builder().slots(2).bindHost("127.0.0.1")
        .advertisedHost("127.0.0.1").internalPort(0).backendPort(0)).build();
    nm = daemon(NodeMonitorDaemon.builder().directory(directory).config(c)).build().start();
  }

  @AfterEach
  final void stopNodeMonitor() {
    Closeables.closeAll(nm, scheduler, clients);
  }

  /** Enqueues {@code reservations} on the node monitor's internal port, as a scheduler does. */
  TEnqueueResult enqueue(TReservation... reservations) throws Exception {
    return clients.call(nm.internalAddress(), c -> c.enqueueReservations(List.of(reservations)));
  }
}
