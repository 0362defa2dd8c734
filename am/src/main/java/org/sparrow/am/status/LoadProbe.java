package org.sparrow.am.status;

import org.sparrow.common.HostPort;

/** Asks one node monitor for its current load (on its internal, scheduler-facing address). */
public interface LoadProbe extends AutoCloseable {

  /** @throws Exception when the node monitor cannot be reached or answers with an error */
  NodeLoad load(HostPort internalAddress) throws Exception;

  @Override
  default void close() {}
}
