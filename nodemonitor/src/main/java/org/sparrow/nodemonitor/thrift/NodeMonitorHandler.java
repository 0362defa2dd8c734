package org.sparrow.nodemonitor.thrift;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.task.BackendRegistry;
import org.sparrow.nodemonitor.task.BackendTaskLauncher;
import org.sparrow.thrift.NodeMonitorService;
import org.sparrow.thrift.TFullTaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Application backends -> this node monitor (the original Sparrow's NodeMonitorService). */
public final class NodeMonitorHandler implements NodeMonitorService.Iface {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitorHandler.class);

  private final BackendRegistry backends;
  private final BackendTaskLauncher backendTasks;
  private final FrontendMessageRelay relay;

  public NodeMonitorHandler(BackendRegistry backends, BackendTaskLauncher backendTasks,
      FrontendMessageRelay relay) {
    this.backends = backends;
    this.backendTasks = backendTasks;
    this.relay = relay;
  }

  @Override
  public boolean registerBackend(String app, String listenSocket) {
    try {
      HostPort address = HostPort.parse(listenSocket);
      HostPort previous = backends.register(app, address);
      LOG.info("Backend of app {} registered at {}{}", app, address,
          previous == null ? "" : " (replacing " + previous + ")");
      return true;
    } catch (IllegalArgumentException e) {
      LOG.warn("Refused backend registration of app '{}' at '{}': {}", app, listenSocket,
          e.getMessage());
      return false;
    }
  }

  @Override
  public void tasksFinished(List<TFullTaskId> tasks) {
    if (tasks == null) {
      return;
    }
    List<TaskId> ids = new ArrayList<>(tasks.size());
    for (TFullTaskId t : tasks) {
      TaskId id = WireMapping.toTaskIdOrNull(t);
      if (id != null) {
        ids.add(id);
      }
    }
    backendTasks.tasksFinished(ids);
  }

  @Override
  public void sendFrontendMessage(String app, TFullTaskId taskId, int status, ByteBuffer message) {
    relay.relay(app, taskId, status, message);
  }
}
