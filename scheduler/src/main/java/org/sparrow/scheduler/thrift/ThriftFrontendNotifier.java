package org.sparrow.scheduler.thrift;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.apache.thrift.TApplicationException;
import org.apache.thrift.TException;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.scheduler.FrontendNotifier;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.job.TaskResult;
import org.sparrow.common.TaskState;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.typesConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FrontendService messages, in order per frontend, on the daemon's RPC executor. Completion
 * notifications that queue up behind a call in flight go out as one frontendMessages call (one
 * RPC per batch instead of per task); a frontend that does not implement it (it answers
 * "unknown method") gets them one frontendMessage at a time from then on. Relayed application
 * messages always go as frontendMessage. The pool retries a stale connection once, so a frontend
 * restarted on the same port gets its first message. When a frontend cannot be reached, the
 * rest of that batch is dropped (and logged) rather than holding an RPC thread for a timeout
 * per message.
 */
public final class ThriftFrontendNotifier implements FrontendNotifier {

  private static final Logger LOG = LoggerFactory.getLogger(ThriftFrontendNotifier.class);
  private static final int MAX_BATCH = 256;

  /** @param completion one of our opt-in completion notifications (may be batched) */
  private record Message(TFullTaskId taskId, int status, byte[] body, boolean completion) {
    ByteBuffer buffer() {
      return ByteBuffer.wrap(body == null ? new byte[0] : body);
    }
  }

  private final ClientPool<FrontendService.Client> pool;
  private final PeerLanes<Message> lanes;
  private final Set<HostPort> withoutBatches = ConcurrentHashMap.newKeySet();
  /**
   * Heartbeats' own threads (one per frontend at most: the caller keeps one heartbeat in flight
   * per frontend), so a hung frontend holds neither the notices' lanes nor others' heartbeats.
   */
  private final Executor heartbeatThreads = java.util.concurrent.Executors.newCachedThreadPool(
      org.sparrow.common.NamedThreads.daemon("scheduler-heartbeat"));

  public ThriftFrontendNotifier(ClientPool<FrontendService.Client> pool, Executor executor) {
    this(pool, executor, Integer.MAX_VALUE);
  }

  /**
   * @param executor  the notifications' own lane threads: a slow frontend never holds the
   *                  threads that send reservations
   * @param maxQueued messages a frontend may have waiting; more are dropped (fire and forget)
   */
  public ThriftFrontendNotifier(ClientPool<FrontendService.Client> pool, Executor executor, int maxQueued) {
    this.pool = pool;
    this.lanes = new PeerLanes<>(executor, MAX_BATCH, maxQueued, this::send);
  }

  /** Not on the frontend's lane: a heartbeat must not wait behind a backlog of notifications. */
  @Override
  public java.util.concurrent.CompletionStage<Void> heartbeat(HostPort frontend, HostPort scheduler) {
    TFullTaskId id = new TFullTaskId("", "", "", new org.sparrow.thrift.THostPort(scheduler.host(), scheduler.port()));
    return java.util.concurrent.CompletableFuture.runAsync(() -> {
      try {
        pool.run(frontend, c -> {
          c.frontendMessage(id, typesConstants.STATUS_HEARTBEAT, ByteBuffer.wrap(new byte[0]));
          return null;
        });
      } catch (TException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, heartbeatThreads);
  }

  /** Messages dropped because their frontend's lane was full. */
  public long dropped() {
    return lanes.dropped();
  }

  @Override
  public void taskFinished(HostPort frontend, TaskResult result) {
    int status = result.state() == TaskState.SUCCEEDED
        ? typesConstants.STATUS_TASK_SUCCEEDED : typesConstants.STATUS_TASK_FAILED;
    var wire = WireConversions.taskResult(result);
    try {
      lanes.add(frontend, new Message(wire.getTaskId(), status, WireConversions.serialize(wire), true));
    } catch (TException e) {
      LOG.error("Cannot serialize the result of task {}", result.id(), e);
    }
  }

  @Override
  public void relay(HostPort frontend, FullTaskId taskId, int status, byte[] message) {
    lanes.add(frontend, new Message(WireConversions.fullTaskId(taskId), status, message, false));
  }

  private void send(HostPort frontend, List<Message> batch) {
    int i = 0;
    try {
      while (i < batch.size()) {
        int run = completionRun(batch, i);
        if (run > 1 && !withoutBatches.contains(frontend) && sendBatch(frontend, batch.subList(i, i + run))) {
          i += run;
          continue;
        }
        Message m = batch.get(i);
        pool.run(frontend, c -> {
          c.frontendMessage(m.taskId, m.status, m.buffer());
          return null;
        });
        i++;
      }
    } catch (TException | RuntimeException e) {
      LOG.warn("Frontend {} unreachable; dropped {} messages: {}", frontend, batch.size() - i, e.toString());
    }
  }

  private static int completionRun(List<Message> batch, int from) {
    int end = from;
    while (end < batch.size() && batch.get(end).completion) {
      end++;
    }
    return end - from;
  }

  /** @return false if the frontend does not implement frontendMessages (nothing was delivered) */
  private boolean sendBatch(HostPort frontend, List<Message> run) throws TException {
    List<TFrontendMessage> wire = new ArrayList<>(run.size());
    for (Message m : run) {
      wire.add(new TFrontendMessage(m.taskId, m.status, m.buffer()));
    }
    try {
      pool.run(frontend, c -> {
        c.frontendMessages(wire);
        return null;
      });
      return true;
    } catch (TApplicationException e) {
      if (e.getType() != TApplicationException.UNKNOWN_METHOD) {
        throw e;
      }
      LOG.debug("Frontend {} has no frontendMessages; sending one message per call", frontend);
      withoutBatches.add(frontend);
      return false;
    }
  }
}
