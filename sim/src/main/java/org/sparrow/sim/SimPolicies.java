package org.sparrow.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.sparrow.scheduler.placement.PlacementPolicies;

/** The simulator's policies, in the order they are reported. */
public final class SimPolicies {

  /** Batch sampling with late binding whose proactive cancellations are never sent. */
  public static final String LATE_BINDING_WITHOUT_CANCELLATION = "batch-late-binding-no-cancel";

  private SimPolicies() {}

  /** Every scheduler policy the placement registry has, the no-cancellation variant, omniscient. */
  public static List<SimPolicy> all() {
    Set<String> known = PlacementPolicies.defaults().names();
    List<SimPolicy> out = new ArrayList<>();
    for (String name : List.of("random", "per-task", "batch", "batch-late-binding")) {
      if (known.contains(name)) {
        out.add(new SparrowSimPolicy(name, name, true));
      }
    }
    if (known.contains("batch-late-binding")) {
      out.add(new SparrowSimPolicy(LATE_BINDING_WITHOUT_CANCELLATION, "batch-late-binding", false));
    }
    for (String name : known) {
      if (out.stream().noneMatch(p -> p.name().equals(name))) {
        out.add(new SparrowSimPolicy(name, name, true));
      }
    }
    out.add(new OmniscientPolicy());
    return out;
  }
}
