package org.sparrow.scheduler.placement;

import org.sparrow.common.LoadProbe;
import org.sparrow.common.NodeLoad;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sparrow.common.NodeMonitorInfo;

/** For probing policies: asks node monitors for their load, all at once. */
final class LoadProbes {

  private LoadProbes() {}

  /**
   * The loads of {@code nodes}, in their order; null where a probe failed (the node may have
   * left). Completes when every probe has answered or failed.
   */
  static CompletionStage<List<NodeLoad>> probeAll(List<NodeMonitorInfo> nodes, LoadProbe probe) {
    List<CompletableFuture<NodeLoad>> answers = new ArrayList<>(nodes.size());
    for (NodeMonitorInfo node : nodes) {
      CompletionStage<NodeLoad> stage;
      try {
        stage = probe.probe(node);
      } catch (RuntimeException e) {
        stage = CompletableFuture.failedFuture(e);
      }
      answers.add(stage.toCompletableFuture().handle((load, error) -> error == null ? load : null));
    }
    return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).thenApply(done -> {
      List<NodeLoad> loads = new ArrayList<>(answers.size());
      answers.forEach(a -> loads.add(a.join()));
      return loads;
    });
  }
}
