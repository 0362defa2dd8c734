package org.sparrow.scheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparrow.common.NodeMonitorInfo;

/** Test node monitors: "nm-01".."nm-NN" on host "host-NN", port 20502, every app "app" backed. */
public final class Nodes {

  private Nodes() {}

  public static NodeMonitorInfo node(int i) {
    return node(i, Map.of());
  }

  public static NodeMonitorInfo node(int i, Map<String, String> attributes) {
    return new NodeMonitorInfo(String.format("nm-%02d", i), String.format("host-%02d", i), 20502, 20501, 4,
        attributes, Set.of("app"), false);
  }

  public static List<NodeMonitorInfo> nodes(int n) {
    List<NodeMonitorInfo> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(node(i));
    }
    return out;
  }
}
