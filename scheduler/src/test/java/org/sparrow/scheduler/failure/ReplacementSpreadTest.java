package org.sparrow.scheduler.failure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.placement.TaskGroup;

class ReplacementSpreadTest {

  private static List<NodeMonitorInfo> nodes(int n) {
    List<NodeMonitorInfo> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new NodeMonitorInfo("nm-" + i, "10.0.0." + i, 20502, 20501, 4, Map.of(), Set.of(), true));
    }
    return out;
  }

  private static TaskGroup group(int tasks, int nodes) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      ids.add("t" + i);
    }
    return new TaskGroup(ids, nodes(nodes), false);
  }

  @Test
  void oneRetriedTaskSamplesUpToTheSpreadOfTheEligibleNodes() {
    assertThat(ReplacementSpread.DEFAULT.ratio(2, List.of(group(1, 5)))).isEqualTo(4);
    assertThat(ReplacementSpread.DEFAULT.ratio(2, List.of(group(1, 3)))).isEqualTo(3);
  }

  @Test
  void neverBelowTheJobsRatioNorAboveOneReservationPerEligibleNode() {
    // Two survivors: the job's 2 already covers them; no second reservation on either.
    assertThat(ReplacementSpread.DEFAULT.ratio(2, List.of(group(1, 2)))).isEqualTo(2);
    // Four tasks over six nodes: 1.5 per task is below the job's 2.
    assertThat(ReplacementSpread.DEFAULT.ratio(2, List.of(group(4, 6)))).isEqualTo(2);
    assertThat(ReplacementSpread.DEFAULT.ratio(3, List.of(group(1, 20)))).isEqualTo(4);
    assertThat(ReplacementSpread.DEFAULT.ratio(5, List.of(group(1, 20)))).isEqualTo(5);
    assertThat(ReplacementSpread.DEFAULT.ratio(0.5, List.of())).isEqualTo(1);
  }

  @Test
  void theGroupWithTheFewestNodesBoundsTheOneRatio() {
    assertThat(ReplacementSpread.DEFAULT.ratio(1, List.of(group(1, 8), group(1, 4)))).isEqualTo(2);
  }

  @Test
  void spreadOneIsTheJobsRatio() {
    assertThat(ReplacementSpread.JOB_RATIO.ratio(2, List.of(group(1, 10)))).isEqualTo(2);
  }

  @Test
  void anImpossibleSpreadIsRefusedWithTheRange() {
    assertThatThrownBy(() -> new ReplacementSpread(0.5)).hasMessageContaining("between 1 and 100");
    assertThatThrownBy(() -> new ReplacementSpread(Double.NaN)).hasMessageContaining("between 1 and");
  }
}
