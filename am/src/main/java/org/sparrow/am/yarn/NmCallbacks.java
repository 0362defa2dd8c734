package org.sparrow.am.yarn;

import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.am.ContainerManager;

/** NodeManager events: launch confirmations and failures go to the {@link ContainerManager}. */
final class NmCallbacks extends NMClientAsync.AbstractCallbackHandler {

  private static final Logger LOG = LoggerFactory.getLogger(NmCallbacks.class);

  private final ContainerManager manager;

  NmCallbacks(ContainerManager manager) {
    this.manager = manager;
  }

  @Override
  public void onContainerStarted(ContainerId containerId, Map<String, ByteBuffer> allServiceResponse) {
    LOG.info("Container {} started", containerId);
    manager.started(containerId.toString());
  }

  @Override
  public void onStartContainerError(ContainerId containerId, Throwable t) {
    LOG.warn("Container {} could not be started", containerId, t);
    manager.launchFailed(containerId.toString(), String.valueOf(t));
  }

  @Override
  public void onContainerStatusReceived(ContainerId containerId, ContainerStatus containerStatus) {}

  @Override
  public void onContainerStopped(ContainerId containerId) {}

  @Override
  public void onGetContainerStatusError(ContainerId containerId, Throwable t) {}

  @Override
  public void onStopContainerError(ContainerId containerId, Throwable t) {
    LOG.warn("Stopping container {} failed", containerId, t);
  }

  @Override
  @SuppressWarnings("deprecation")
  public void onContainerResourceIncreased(ContainerId containerId, Resource resource) {}

  @Override
  public void onContainerResourceUpdated(ContainerId containerId, Resource resource) {}

  @Override
  @SuppressWarnings("deprecation")
  public void onIncreaseContainerResourceError(ContainerId containerId, Throwable t) {}

  @Override
  public void onUpdateContainerResourceError(ContainerId containerId, Throwable t) {}
}
