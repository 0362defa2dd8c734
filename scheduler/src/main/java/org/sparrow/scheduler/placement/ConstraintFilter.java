package org.sparrow.scheduler.placement;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.sparrow.common.NodeMonitorInfo;

/** Stage 1 of placement: keeps, per demand, the live node monitors that satisfy it. */
public final class ConstraintFilter {

  /** @param unplaceable demands no live node monitor satisfies */
  public record Result(List<TaskGroup> groups, List<Demand> unplaceable) {}

  private ConstraintFilter() {}

  /**
   * @param nodes    live node monitors
   * @param excluded node ids not to use (for example ones that refused this job)
   */
  public static Result apply(Collection<NodeMonitorInfo> nodes, List<Demand> demands, Set<String> excluded) {
    return apply(new EligibleNodes(nodes), demands, excluded);
  }

  /** As above over a prepared (and possibly cached) view of the live node monitors. */
  public static Result apply(EligibleNodes nodes, List<Demand> demands, Set<String> excluded) {
    List<TaskGroup> groups = new ArrayList<>(demands.size());
    List<Demand> unplaceable = new ArrayList<>();
    for (Demand d : demands) {
      List<NodeMonitorInfo> eligible = nodes.eligible(d.requirement(), excluded);
      if (eligible.isEmpty()) {
        unplaceable.add(d);
      } else {
        groups.add(new TaskGroup(d.taskIds(), eligible, d.perTask()));
      }
    }
    return new Result(List.copyOf(groups), List.copyOf(unplaceable));
  }
}
