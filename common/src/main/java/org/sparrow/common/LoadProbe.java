package org.sparrow.common;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Asks a node monitor for its load without blocking the caller. Daemons and tools answer with
 * a getLoad RPC ({@code common.thrift.ThriftLoadProbe}, the scheduler's dispatcher); the
 * simulator answers from its model at simulated time.
 */
@FunctionalInterface
public interface LoadProbe {

  /** Completes exceptionally when the node monitor cannot be reached or answers with an error. */
  CompletionStage<NodeLoad> probe(NodeMonitorInfo node);

  /** For contexts without probing (policies that do not probe never call it). */
  static LoadProbe unavailable() {
    return node -> CompletableFuture.failedFuture(
        new UnsupportedOperationException("no load probe in this context"));
  }
}
