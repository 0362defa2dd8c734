package org.sparrow.am;

import java.util.List;

/**
 * Carries out {@link Action}s against the cluster. Implementations must not block: they run
 * while {@link ContainerManager} holds its lock, which keeps plans in the order they were made.
 */
public interface PlanExecutor {

  void ask(Role role, ContainerShape shape);

  /** @param grantedContainerId the container that answered the ask, or null for any ask of the role */
  void withdrawAsk(Role role, String grantedContainerId);

  void launch(ContainerRef container);

  /** Starts draining; must end with {@link ContainerManager#drained} (also when it times out). */
  void drain(ContainerRef container, long timeoutMs);

  void endDrain(ContainerRef container);

  void release(ContainerRef container);

  void recordFailures(int failures, List<String> recent);

  void finish(boolean succeeded, String diagnostics);
}
