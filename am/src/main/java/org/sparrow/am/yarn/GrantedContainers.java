package org.sparrow.am.yarn;

import org.apache.hadoop.yarn.api.records.Container;
import org.apache.hadoop.yarn.api.records.ContainerId;

/** The YARN records of granted containers, kept until launch (the NodeManager needs them). */
interface GrantedContainers {

  void remember(Container c);

  void forget(ContainerId id);

  /** Gives back a container the logic has no role for. */
  void releaseUnknown(ContainerId id);
}
