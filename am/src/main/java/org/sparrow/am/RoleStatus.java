package org.sparrow.am;

import java.util.List;

/** One role's provisioning at a moment: what is wanted, asked for, and held. */
public record RoleStatus(
    Role role, int target, int pendingAsks, ContainerShape shape, List<TrackedContainer> containers) {

  public RoleStatus {
    containers = List.copyOf(containers);
  }

  /** Containers that count towards the target (not draining or being released). */
  public long activeCount() {
    return containers.stream()
        .filter(c -> c.state() == ContainerState.LAUNCHING || c.state() == ContainerState.RUNNING).count();
  }
}
