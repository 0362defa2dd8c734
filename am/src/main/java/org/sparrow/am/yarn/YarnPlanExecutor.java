package org.sparrow.am.yarn;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;
import org.apache.hadoop.yarn.api.records.Priority;
import org.apache.hadoop.yarn.api.records.Resource;
import org.apache.hadoop.yarn.client.api.AMRMClient.ContainerRequest;
import org.apache.hadoop.yarn.client.api.async.AMRMClientAsync;
import org.apache.hadoop.yarn.client.api.async.NMClientAsync;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.am.AmSettings;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.ContainerShape;
import org.sparrow.am.PlanExecutor;
import org.sparrow.am.Placement;
import org.sparrow.am.Role;

/**
 * Carries out the provisioner's plans with the asynchronous YARN clients. Every call here only
 * queues work in those clients (they talk to YARN on their own threads), so it never blocks.
 */
final class YarnPlanExecutor implements PlanExecutor, GrantedContainers {

  private static final Logger LOG = LoggerFactory.getLogger(YarnPlanExecutor.class);

  private final AmSettings settings;
  private final LaunchContexts launchContexts;
  private final CompletableFuture<Outcome> outcome;
  private final Map<Role, Deque<ContainerRequest>> asks = new EnumMap<>(Role.class);
  /** Granted containers not yet launched: NMClient needs the YARN record (with its token). */
  private final Map<String, Container> granted = new ConcurrentHashMap<>();
  private AMRMClientAsync<ContainerRequest> rm;
  private NMClientAsync nm;

  YarnPlanExecutor(AmSettings settings, LaunchContexts launchContexts, CompletableFuture<Outcome> outcome) {
    this.settings = settings;
    this.launchContexts = launchContexts;
    this.outcome = outcome;
    for (Role r : Role.values()) {
      asks.put(r, new ArrayDeque<>());
    }
  }

  /** The clients are created after this executor (their callbacks need it). */
  void connect(AMRMClientAsync<ContainerRequest> rmClient, NMClientAsync nmClient) {
    this.rm = rmClient;
    this.nm = nmClient;
  }

  @Override
  public void remember(Container c) {
    granted.put(c.getId().toString(), c);
  }

  @Override
  public void forget(ContainerId id) {
    granted.remove(id.toString());
  }

  @Override
  public void releaseUnknown(ContainerId id) {
    rm.releaseAssignedContainer(id);
  }

  @Override
  public void ask(Role role, ContainerShape shape) {
    Placement p = settings.role(role).placement();
    ContainerRequest request = new ContainerRequest(
        Resource.newInstance(shape.memoryMb(), shape.vcores()),
        p.hosts().isEmpty() ? null : p.hosts().toArray(String[]::new),
        p.racks().isEmpty() ? null : p.racks().toArray(String[]::new),
        Priority.newInstance(role.priority()),
        !p.isStrict(),
        p.nodeLabel());
    asks.get(role).add(request);
    rm.addContainerRequest(request);
    LOG.debug("Asked for a {} container ({})", role.label(), shape);
  }

  @Override
  public void withdrawAsk(Role role) {
    ContainerRequest request = asks.get(role).poll();
    if (request != null) {
      rm.removeContainerRequest(request);
    }
  }

  @Override
  public void launch(ContainerRef container) {
    Container c = granted.remove(container.id());
    if (c == null) {
      throw new IllegalStateException("no YARN record for granted container " + container.id());
    }
    LOG.info("Launching {} in container {} on {}", container.role().label(), container.id(), container.host());
    nm.startContainerAsync(c, launchContexts.forContainer(container));
  }

  @Override
  public void release(ContainerRef container) {
    granted.remove(container.id());
    LOG.info("Releasing {} container {} on {}", container.role().label(), container.id(), container.host());
    rm.releaseAssignedContainer(ContainerId.fromString(container.id()));
  }

  @Override
  public void finish(boolean succeeded, String diagnostics) {
    outcome.complete(new Outcome(succeeded, diagnostics, true));
  }
}
