package org.sparrow.common;

import java.util.Map;

/**
 * A live, pushed view of a set of members (node monitors or schedulers), keyed by id.
 * Implementations: the ZooKeeper-backed view in zk-config, {@link StaticMembership} for tests
 * and the simulator.
 */
public interface Membership<T> {

  /** An immutable snapshot of the current members; cheap to call on every placement. */
  Map<String, T> snapshot();

  /** Registers a listener; closing the returned handle removes it. */
  AutoCloseable addListener(MembershipListener<T> listener);
}
