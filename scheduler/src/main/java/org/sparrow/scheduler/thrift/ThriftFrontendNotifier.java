package org.sparrow.scheduler.thrift;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.thrift.TException;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.scheduler.FrontendNotifier;
import org.sparrow.scheduler.FullTaskId;
import org.sparrow.scheduler.TaskResult;
import org.sparrow.scheduler.TaskState;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.typesConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FrontendService.frontendMessage calls, in order per frontend, on the daemon's RPC executor.
 * The pool retries a stale connection once, so a frontend restarted on the same port gets its
 * first message. When a frontend cannot be reached, the rest of that batch is dropped (and
 * logged) rather than holding an RPC thread for a timeout per message.
 */
public final class ThriftFrontendNotifier implements FrontendNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(ThriftFrontendNotifier.class);
  private static final int MAX_BATCH = 256;

  private record Message(TFullTaskId taskId, int status, byte[] body) {}

  private final ClientPool<FrontendService.Client> pool;
  private final PeerLanes<Message> lanes;

  public ThriftFrontendNotifier(ClientPool<FrontendService.Client> pool, Executor executor) {
    this.pool = pool;
    this.lanes = new PeerLanes<>(executor, MAX_BATCH, this::send);
  }

  @Override
  public void taskFinished(HostPort frontend, TaskResult result) {
    int status = result.state() == TaskState.SUCCEEDED
        ? typesConstants.STATUS_TASK_SUCCEEDED : typesConstants.STATUS_TASK_FAILED;
    var wire = WireConversions.taskResult(result);
    try {
      lanes.add(frontend, new Message(wire.getTaskId(), status, WireConversions.serialize(wire)));
    } catch (TException e) {
      LOG.error("Cannot serialize the result of task {}", result.id(), e);
    }
  }

  @Override
  public void relay(HostPort frontend, FullTaskId taskId, int status, byte[] message) {
    lanes.add(frontend, new Message(WireConversions.fullTaskId(taskId), status, message));
  }

  private void send(HostPort frontend, List<Message> batch) {
    for (int i = 0; i < batch.size(); i++) {
      Message m = batch.get(i);
      try {
        pool.run(frontend, c -> {
          c.frontendMessage(m.taskId, m.status, ByteBuffer.wrap(m.body == null ? new byte[0] : m.body));
          return null;
        });
      } catch (TException | RuntimeException e) {
        LOG.warn("Frontend {} unreachable; dropped {} messages: {}", frontend, batch.size() - i, e.toString());
        return;
      }
    }
  }
}
