package org.sparrow.am.yarn;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.NodeReport;
import org.apache.hadoop.yarn.api.records.PreemptionMessage;
import org.apache.hadoop.yarn.api.records.UpdatedContainer;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.am.Completion;
import org.sparrow.am.ContainerManager;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.Role;

/** ResourceManager events, converted and handed to the {@link ContainerManager}. */
final class RmCallbacks extends AMRMClientAsync.AbstractCallbackHandler {

  private static final Logger LOG = LoggerFactory.getLogger(RmCallbacks.class);

  private final ContainerManager manager;
  private final GrantedContainers executor;
  private final CompletableFuture<Outcome> outcome;

  RmCallbacks(ContainerManager manager, GrantedContainers executor, CompletableFuture<Outcome> outcome) {
    this.manager = manager;
    this.executor = executor;
    this.outcome = outcome;
  }

  @Override
  public void onContainersAllocated(List<Container> containers) {
    List<ContainerRef> granted = new ArrayList<>();
    for (Container c : containers) {
      Role role = YarnRecords.roleOf(c).orElse(null);
      if (role == null) {
        LOG.warn("Releasing container {} granted at unknown priority {}", c.getId(), c.getPriority());
        executor.releaseUnknown(c.getId());
        continue;
      }
      executor.remember(c);
      granted.add(YarnRecords.toRef(c, role));
    }
    manager.allocated(granted);
  }

  @Override
  public void onContainersCompleted(List<ContainerStatus> statuses) {
    List<Completion> completions = new ArrayList<>();
    for (ContainerStatus s : statuses) {
      executor.forget(s.getContainerId());
      completions.add(YarnRecords.toCompletion(s));
    }
    manager.completed(completions);
  }

  @Override
  public void onContainersUpdated(List<UpdatedContainer> containers) {
    // Container resizing is not used.
  }

  @Override
  public void onShutdownRequest() {
    LOG.warn("The ResourceManager asked this attempt to shut down");
    outcome.complete(new Outcome(false, "shut down on the ResourceManager's request", false));
  }

  /**
   * The RM will take these containers back (to satisfy another queue): drain them while it
   * waits, so that their tasks finish and their queued reservations are placed elsewhere.
   */
  @Override
  public void onPreemptionMessageReceived(PreemptionMessage message) {
    Set<String> ids = new LinkedHashSet<>();
    if (message.getStrictContract() != null) {
      message.getStrictContract().getContainers().forEach(c -> ids.add(c.getId().toString()));
    }
    if (message.getContract() != null) {
      message.getContract().getContainers().forEach(c -> ids.add(c.getId().toString()));
    }
    if (!ids.isEmpty()) {
      LOG.warn("The ResourceManager announced the pre-emption of {}", ids);
      manager.preempting(ids);
    }
  }

  @Override
  public void onNodesUpdated(List<NodeReport> updatedNodes) {
    // Containers on lost nodes are reported as completed; nothing else to do.
  }

  @Override
  public float getProgress() {
    // A long-running service: there is no progress to report.
    return 0f;
  }

  @Override
  public void onError(Throwable e) {
    LOG.error("ResourceManager communication failed", e);
    manager.fail("the AM lost its ResourceManager connection: " + e);
  }
}
