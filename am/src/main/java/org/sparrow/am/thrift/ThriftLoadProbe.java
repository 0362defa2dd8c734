package org.sparrow.am.thrift;

import org.sparrow.am.status.LoadProbe;
import org.sparrow.am.status.NodeLoad;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.NodeMonitorInternalService;
import org.sparrow.thrift.TNodeLoad;

/** Reads a node monitor's load with {@code NodeMonitorInternalService.getLoad}. */
public final class ThriftLoadProbe implements LoadProbe {

  private final ClientPool<NodeMonitorInternalService.Client> pool;

  public ThriftLoadProbe(int timeoutMs) {
    this.pool = ClientPool.builder(NodeMonitorInternalService.Client::new)
        .connectTimeoutMs(timeoutMs).socketTimeoutMs(timeoutMs).maxIdlePerPeer(1).build();
  }

  @Override
  public NodeLoad load(HostPort internalAddress) throws Exception {
    TNodeLoad load = pool.call(internalAddress, NodeMonitorInternalService.Client::getLoad);
    return new NodeLoad(load.getSlots(), load.getRunningTasks(), load.getQueuedReservations(), load.getCompletedTasks());
  }

  @Override
  public void close() {
    pool.close();
  }
}
