package org.sparrow.am;

import java.util.List;

/** Everything the status page shows about the AM's containers, copied at one moment. */
public record ProvisionerSnapshot(
    List<RoleStatus> roles,
    int failures,
    int maxFailures,
    List<String> recentFailures,
    boolean stopping,
    boolean finished) {

  public ProvisionerSnapshot {
    roles = List.copyOf(roles);
    recentFailures = List.copyOf(recentFailures);
  }

  public RoleStatus role(Role role) {
    return roles.stream().filter(r -> r.role() == role).findFirst().orElseThrow();
  }
}
