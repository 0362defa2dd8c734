package org.sparrow.am;

import java.util.Objects;

/**
 * A container granted to this application, in plain Java terms.
 *
 * @param id     YARN container id
 * @param host   the host it runs on (what its daemon announces to peers)
 * @param nodeId the YARN node ("host:port" of its NodeManager)
 * @param role   what it runs
 * @param shape  the resources granted
 */
public record ContainerRef(String id, String host, String nodeId, Role role, ContainerShape shape) {

  public ContainerRef {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(shape, "shape");
  }
}
