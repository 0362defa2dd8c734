package org.sparrow.client.internal;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.thrift.TDeserializer;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.sparrow.client.FrontendMessageListener;
import org.sparrow.common.HostPort;
import org.sparrow.thrift.FrontendService;
import org.sparrow.thrift.TFrontendMessage;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.typesConstants;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Receives the scheduler's completion notifications (and any application messages relayed
 * to this frontend).
 */
public final class FrontendHandler implements FrontendService.Iface {

  private static final Logger LOG = LoggerFactory.getLogger(FrontendHandler.class);

  private final PendingJobs pending;
  private final FrontendMessageListener applicationMessages;
  private final ThreadLocal<TDeserializer> deserializer = ThreadLocal.withInitial(() -> {
    try {
      return new TDeserializer(new TBinaryProtocol.Factory());
    } catch (TException e) {
      throw new IllegalStateException(e);
    }
  });

  public FrontendHandler(PendingJobs pending, FrontendMessageListener applicationMessages) {
    this.pending = pending;
    this.applicationMessages = applicationMessages;
  }

  @Override
  public void frontendMessage(TFullTaskId taskId, int status, ByteBuffer message) {
    HostPort from = schedulerOf(taskId);
    if (status == typesConstants.STATUS_HEARTBEAT) {
      if (from != null) {
        pending.silence().heartbeat(from);
      }
      return;
    }
    if (from != null) {
      pending.silence().heard(from);
    }
    byte[] bytes = new byte[message.remaining()];
    message.duplicate().get(bytes);
    if (status == typesConstants.STATUS_TASK_SUCCEEDED || status == typesConstants.STATUS_TASK_FAILED) {
      TTaskResult result = new TTaskResult();
      try {
        deserializer.get().deserialize(result, bytes);
      } catch (TException e) {
        LOG.warn("Undecodable completion notification for task {} of {}", taskId.getTaskId(),
            taskId.getRequestId(), e);
        return;
      }
      pending.onResult(taskId.getRequestId(), WireMapping.fromWire(result));
    } else if (applicationMessages != null) {
      applicationMessages.onMessage(taskId.getRequestId(), taskId.getTaskId(), status, bytes);
    }
  }

  private static HostPort schedulerOf(TFullTaskId taskId) {
    var a = taskId == null ? null : taskId.getSchedulerAddress();
    return a == null || a.getHost() == null ? null : new HostPort(a.getHost(), a.getPort());
  }

  @Override
  public void frontendMessages(List<TFrontendMessage> messages) {
    for (TFrontendMessage m : messages) {
      frontendMessage(m.getTaskId(), m.getStatus(), m.bufferForMessage());
    }
  }
}
