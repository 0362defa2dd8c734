package org.sparrow.scheduler.placement;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sparrow.common.NodeMonitorInfo;

/**
 * Asks a node monitor for its load without blocking the caller. The daemon answers with a
 * getLoad RPC on its RPC executor; a simulator answers from its model at simulated time.
 */
@FunctionalInterface
public interface LoadProbe {

  CompletionStage<NodeLoad> probe(NodeMonitorInfo node);

  /** For contexts without probing (policies that do not probe never call it). */
  static LoadProbe unavailable() {
    return node -> CompletableFuture.failedFuture(
        new UnsupportedOperationException("no load probe in this placement context"));
  }
}
