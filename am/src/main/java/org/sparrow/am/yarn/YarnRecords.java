package org.sparrow.am.yarn;

import java.util.Optional;
import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerStatus;
import org.apache.hadoop.yarn.api.records.Resource;
import org.sparrow.am.Completion;
import org.sparrow.am.ContainerRef;
import org.sparrow.am.ContainerShape;
import org.sparrow.am.Role;

/** Converts YARN records to the AM logic's plain types. */
final class YarnRecords {

  private YarnRecords() {}

  /** The role a container was granted for, from its priority; empty for a stray priority. */
  static Optional<Role> roleOf(Container c) {
    return c.getPriority() == null ? Optional.empty() : Role.ofPriority(c.getPriority().getPriority());
  }

  static ContainerRef toRef(Container c, Role role) {
    return new ContainerRef(c.getId().toString(), c.getNodeId().getHost(), c.getNodeId().toString(), role,
        toShape(c.getResource()));
  }

  static ContainerShape toShape(Resource r) {
    return new ContainerShape((int) Math.min(Integer.MAX_VALUE, r.getMemorySize()), r.getVirtualCores());
  }

  static Completion toCompletion(ContainerStatus s) {
    return new Completion(s.getContainerId().toString(), s.getExitStatus(), s.getDiagnostics());
  }
}
