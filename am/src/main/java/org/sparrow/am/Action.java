package org.sparrow.am;

import java.util.List;

/**
 * One step of a plan the {@link Provisioner} computes; an executor carries it out against YARN.
 * Keeping the decisions as data makes the container logic testable without a cluster.
 */
public sealed interface Action {

  /** Ask the ResourceManager for one more container of a role. */
  record Ask(Role role, ContainerShape shape) implements Action {}

  /**
   * Withdraw one outstanding ask of a role: the one a granted container answered (its id given),
   * or any one that is no longer wanted ({@code grantedContainerId} null).
   */
  record WithdrawAsk(Role role, String grantedContainerId) implements Action {

    public WithdrawAsk(Role role) {
      this(role, null);
    }
  }

  /** Start the role's daemon in a freshly granted container. */
  record Launch(ContainerRef container) implements Action {}

  /**
   * Ask the container's daemon to drain (finish its work, deregister, exit) within
   * {@code timeoutMs}; the executor reports back with {@link Provisioner#drained} once the
   * daemon's membership entry is gone, the container ended, or the timeout plus a grace passed.
   */
  record Drain(ContainerRef container, long timeoutMs) implements Action {}

  /** The drain of this container is over (it was released or it ended): withdraw the request. */
  record EndDrain(ContainerRef container) implements Action {}

  /** Give a container back to YARN, which stops it. */
  record Release(ContainerRef container) implements Action {}

  /** The failure count or history changed: record it so that the next AM attempt continues it. */
  record RecordFailures(int failures, List<String> recent) implements Action {

    public RecordFailures {
      recent = List.copyOf(recent);
    }
  }

  /** The application is done: unregister with this outcome. */
  record Finish(boolean succeeded, String diagnostics) implements Action {}
}
