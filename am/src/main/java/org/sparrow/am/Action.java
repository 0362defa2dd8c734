package org.sparrow.am;

/**
 * One step of a plan the {@link Provisioner} computes; an executor carries it out against YARN.
 * Keeping the decisions as data makes the container logic testable without a cluster.
 */
public sealed interface Action {

  /** Ask the ResourceManager for one more container of a role. */
  record Ask(Role role, ContainerShape shape) implements Action {}

  /** Withdraw one outstanding ask of a role (granted, or no longer wanted). */
  record WithdrawAsk(Role role) implements Action {}

  /** Start the role's daemon in a freshly granted container. */
  record Launch(ContainerRef container) implements Action {}

  /** Give a container back to YARN, which stops it. */
  record Release(ContainerRef container) implements Action {}

  /** The application is done: unregister with this outcome. */
  record Finish(boolean succeeded, String diagnostics) implements Action {}
}
