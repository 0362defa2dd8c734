package org.sparrow.am;

/**
 * Carries out {@link Action}s against the cluster. Implementations must not block: they run
 * while {@link ContainerManager} holds its lock, which keeps plans in the order they were made.
 */
public interface PlanExecutor {

  void ask(Role role, ContainerShape shape);

  void withdrawAsk(Role role);

  void launch(ContainerRef container);

  void release(ContainerRef container);

  void finish(boolean succeeded, String diagnostics);
}
