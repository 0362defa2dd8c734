package org.sparrow.am;

import java.util.Optional;

/**
 * What a container runs. Each role asks YARN at its own priority, so an allocated container's
 * priority says which role it was granted for (also for containers adopted from a previous
 * attempt).
 */
public enum Role {
  SCHEDULER("scheduler", 1),
  NODE_MONITOR("node monitor", 2);

  private final String label;
  private final int priority;

  Role(String label, int priority) {
    this.label = label;
    this.priority = priority;
  }

  public String label() {
    return label;
  }

  /** The YARN request priority of this role's containers. */
  public int priority() {
    return priority;
  }

  public static Optional<Role> ofPriority(int priority) {
    for (Role r : values()) {
      if (r.priority == priority) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
