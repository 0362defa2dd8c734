package org.sparrow.am;

import java.util.List;

/**
 * Where a role's containers may run. With hosts or racks given, YARN places the containers only
 * there (locality is not relaxed); a node label restricts them to nodes of that partition.
 */
public record Placement(String nodeLabel, List<String> hosts, List<String> racks) {

  public static final Placement ANYWHERE = new Placement(null, List.of(), List.of());

  public Placement {
    nodeLabel = nodeLabel == null || nodeLabel.isBlank() ? null : nodeLabel.strip();
    hosts = List.copyOf(hosts);
    racks = List.copyOf(racks);
  }

  public boolean isStrict() {
    return !hosts.isEmpty() || !racks.isEmpty();
  }
}
