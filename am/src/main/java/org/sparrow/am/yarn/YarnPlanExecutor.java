package org.sparrow.am.yarn;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.List;
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
import org.sparrow.am.zk.ZkDrainer;

/**
 * Carries out the provisioner's plans with the asynchronous YARN clients. Every call here only
 * queues work in those clients (they talk to YARN on their own threads) or in the drainer and
 * the failure recorder, so it never blocks.
 *
 * <p>Each ask carries its own allocation request id, and a grant withdraws exactly the ask it
 * answered. With asks pooled under one priority, the RM counts outstanding containers per
 * pool; the client's next absolute count, sent before it has seen a grant the RM already made,
 * re-raised the RM's count and got one spare container per role and submit.
 */
final class YarnPlanExecutor implements PlanExecutor, GrantedContainers {

  private static final Logger LOG = LoggerFactory.getLogger(YarnPlanExecutor.class);

  private final AmSettings settings;
  private final LaunchContexts launchContexts;
  private final CompletableFuture<Outcome> outcome;
  private final Map<Role, Deque<ContainerRequest>> asks = new EnumMap<>(Role.class);
  private final AtomicLong nextAllocationId = new AtomicLong(1);
  private final ZkDrainer drainer;
  private final BiConsumer<Integer, List<String>> failureRecorder;
  /** Granted containers not yet launched: NMClient needs the YARN record (with its token). */
  private final Map<String, Container> granted = new ConcurrentHashMap<>();
  private AMRMClientAsync<ContainerRequest> rm;
  private NMClientAsync nm;

  YarnPlanExecutor(AmSettings settings, LaunchContexts launchContexts, CompletableFuture<Outcome> outcome,
      ZkDrainer drainer, BiConsumer<Integer, List<String>> failureRecorder) {
    this.settings = settings;
    this.drainer = drainer;
    this.failureRecorder = failureRecorder;
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
    ContainerRequest request = ContainerRequest.newBuilder()
        .capability(Resource.newInstance(shape.memoryMb(), shape.vcores()))
        .nodes(p.hosts().isEmpty() ? null : p.hosts().toArray(String[]::new))
        .racks(p.racks().isEmpty() ? null : p.racks().toArray(String[]::new))
        .priority(Priority.newInstance(role.priority()))
        .relaxLocality(!p.isStrict())
        .nodeLabelsExpression(p.nodeLabel())
        .allocationRequestId(nextAllocationId.getAndIncrement())
        .build();
    asks.get(role).add(request);
    rm.addContainerRequest(request);
    LOG.debug("Asked for a {} container ({})", role.label(), shape);
  }

  @Override
  public void withdrawAsk(Role role, String grantedContainerId) {
    Deque<ContainerRequest> outstanding = asks.get(role);
    ContainerRequest request = null;
    Container c = grantedContainerId == null ? null : granted.get(grantedContainerId);
    if (c != null) {
      for (ContainerRequest r : outstanding) {
        if (r.getAllocationRequestId() == c.getAllocationRequestId()) {
          request = r;
          break;
        }
      }
    }
    if (request == null) {
      // Not granted for a known ask (a previous attempt's ask, say): withdraw the newest.
      request = outstanding.peekLast();
    }
    if (request != null) {
      outstanding.remove(request);
      rm.removeContainerRequest(request);
    }
  }

  @Override
  public void drain(ContainerRef container, long timeoutMs) {
    drainer.drain(container, timeoutMs);
  }

  @Override
  public void endDrain(ContainerRef container) {
    drainer.endDrain(container);
  }

  @Override
  public void recordFailures(int failures, List<String> recent) {
    failureRecorder.accept(failures, recent);
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
