package org.sparrow.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.common.UserLoad;
import org.sparrow.status.ClusterSnapshot.UserShare;
import org.sparrow.status.StatusSampler.Answer;

class StatusSamplerTest {

  private static final NodeMonitorInfo A = node("a:1");
  private static final NodeMonitorInfo B = node("b:1");
  private static final SchedulerInfo S = new SchedulerInfo("s:1", "s", 1, 2);

  private static NodeMonitorInfo node(String id) {
    return new NodeMonitorInfo(id, id.split(":")[0], 1, 2, 4, Map.of(), Set.of(), false);
  }

  private static NodeLoad load(int running, int queued, long completed, long failed) {
    return new NodeLoad(4, running, 0, queued, completed, failed);
  }

  private static SchedulerStats stats(long succeeded, long failed, long recent, double p50) {
    return new SchedulerStats(succeeded + failed, succeeded, failed, 1, 0, 2, recent, p50, p50 * 2, p50 * 3, Map.of());
  }

  private final StatusSampler sampler = new StatusSampler("c", 1_000, 3, 5);

  private ClusterSnapshot sample(long now, Map<NodeMonitorInfo, Answer<NodeLoad>> loads, SchedulerStats s) {
    return sampler.next(now, loads, Map.of(S, Answer.of(s)));
  }

  private static Map<NodeMonitorInfo, Answer<NodeLoad>> loads(Object... pairs) {
    Map<NodeMonitorInfo, Answer<NodeLoad>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      @SuppressWarnings("unchecked")
      Answer<NodeLoad> a = (Answer<NodeLoad>) pairs[i + 1];
      m.put((NodeMonitorInfo) pairs[i], a);
    }
    return m;
  }

  @Test
  void userSharesAddUpTheNodeMonitorsPerUserFiguresAndLeaveOutIdleUsers() {
    NodeLoad a = new NodeLoad(4, 4, 0, 2, 0, 0,
        Map.of("alice", new UserLoad(2, 3), "bob", new UserLoad(0, 1), "carol", new UserLoad(0, 0)));
    NodeLoad b = new NodeLoad(4, 4, 0, 1, 0, 0, Map.of("alice", new UserLoad(0, 3), "bob", new UserLoad(1, 1)));
    ClusterSnapshot s = sample(10_000, loads(A, Answer.of(a), B, Answer.of(b)), stats(0, 0, 0, 0));
    assertThat(s.userShares()).containsExactly(
        new UserShare("alice", 6, 2, 0.75),
        new UserShare("bob", 2, 1, 0.25));

    // Node monitors that report no users (fifo clusters, older versions): no panel.
    assertThat(sample(11_000, loads(A, Answer.of(load(4, 0, 0, 0))), stats(0, 0, 0, 0)).userShares()).isEmpty();
  }

  @Test
  void totalsAndRatesComeFromTheMembersPresentInBothRounds() {
    ClusterSnapshot first = sample(10_000, loads(A, Answer.of(load(1, 0, 100, 0)), B, Answer.of(load(4, 3, 50, 0))),
        stats(10, 0, 0, 0));
    assertThat(first.totals().slots()).isEqualTo(8);
    assertThat(first.totals().busySlots()).isEqualTo(5);
    assertThat(first.totals().queuedReservations()).isEqualTo(3);
    assertThat(first.totals().utilisation()).isEqualTo(5 / 8.0);
    assertThat(first.totals().tasksPerSecond()).isZero();

    // Two seconds later: a finished 40 more tasks, b left (its counters must not count).
    ClusterSnapshot second = sample(12_000, loads(A, Answer.of(load(2, 0, 140, 0))), stats(20, 0, 4, 5.0));
    assertThat(second.totals().tasksPerSecond()).isEqualTo(20.0);
    assertThat(second.totals().jobsPerSecond()).isEqualTo(5.0);
    assertThat(second.totals().responseP50Ms()).isEqualTo(5.0);
    assertThat(second.nodeMonitors()).extracting(ClusterSnapshot.NodeMonitorView::id).containsExactly("a:1");
    assertThat(second.recentFailures()).extracting(ClusterSnapshot.Failure::what).containsExactly("left the cluster");
    assertThat(second.history()).hasSize(2);
  }

  @Test
  void unreachableMembersAndFailedTasksAreReportedOnceEach() {
    sample(0, loads(A, Answer.of(load(0, 0, 0, 0))), stats(0, 0, 0, 0));
    sample(1_000, loads(A, Answer.failed("refused")), stats(0, 0, 0, 0));
    ClusterSnapshot s = sample(2_000, loads(A, Answer.failed("refused")), stats(0, 2, 0, 0));
    assertThat(s.nodeMonitors().get(0).load()).isNull();
    assertThat(s.nodeMonitors().get(0).loadError()).isEqualTo("refused");
    assertThat(s.totals().reachableNodeMonitors()).isZero();
    // Newest first.
    assertThat(s.recentFailures()).extracting(ClusterSnapshot.Failure::what)
        .containsExactly("2 jobs failed", "unreachable: refused");
    ClusterSnapshot back = sample(3_000, loads(A, Answer.of(load(0, 0, 5, 0))), stats(0, 2, 0, 0));
    assertThat(back.recentFailures()).hasSize(2);
    ClusterSnapshot failedTask = sample(4_000, loads(A, Answer.of(load(0, 0, 7, 1))), stats(0, 2, 0, 0));
    assertThat(failedTask.recentFailures().get(0).what()).isEqualTo("1 task failed");
  }

  @Test
  void historyIsBounded() {
    for (int i = 0; i < 10; i++) {
      sample(i * 1_000L, loads(A, Answer.of(load(i % 4, 0, i, 0))), stats(0, 0, 0, 0));
    }
    ClusterSnapshot s = sample(10_000, loads(A, Answer.of(load(0, 0, 10, 0))), stats(0, 0, 0, 0));
    assertThat(s.history()).hasSize(3);
    assertThat(s.history().get(2).atMillis()).isEqualTo(10_000);
    assertThat(s.withLatestPointOnly().history()).containsExactly(s.history().get(2));
  }
}
