package org.sparrow.status;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.status.ClusterSnapshot.Failure;
import org.sparrow.status.ClusterSnapshot.HistoryPoint;
import org.sparrow.status.ClusterSnapshot.NodeMonitorView;
import org.sparrow.status.ClusterSnapshot.SchedulerView;
import org.sparrow.status.ClusterSnapshot.Totals;

/**
 * Turns one round of probe answers into a {@link ClusterSnapshot}: totals, rates against the
 * previous round, failures seen since then, and the bounded history. No threads, sockets or
 * clocks: {@link ClusterStatus} feeds it, tests drive it directly.
 *
 * <p>Rates are summed over the members present in both rounds, so a node monitor that joins
 * or leaves (and takes its counters with it) never makes throughput jump or go negative.
 */
public final class StatusSampler {

  /** One member's answer: exactly one of {@code value} and {@code error} is set. */
  public record Answer<T>(T value, String error) {
    public static <T> Answer<T> of(T value) {
      return new Answer<>(value, null);
    }

    public static <T> Answer<T> failed(String error) {
      return new Answer<>(null, error == null ? "unknown error" : error);
    }
  }

  private final String cluster;
  private final long intervalMs;
  private final int historyPoints;
  private final int maxFailures;

  private final Deque<HistoryPoint> history = new ArrayDeque<>();
  private final Deque<Failure> failures = new ArrayDeque<>();
  private final Map<String, NodeLoad> lastLoads = new HashMap<>();
  private final Map<String, SchedulerStats> lastStats = new HashMap<>();
  private final Set<String> lastNodes = new HashSet<>();
  private final Set<String> unreachable = new HashSet<>();
  private long lastMillis = -1;

  public StatusSampler(String cluster, long intervalMs, int historyPoints, int maxFailures) {
    if (historyPoints < 1 || maxFailures < 0) {
      throw new IllegalArgumentException("history points must be at least 1, failures at least 0");
    }
    this.cluster = cluster;
    this.intervalMs = intervalMs;
    this.historyPoints = historyPoints;
    this.maxFailures = maxFailures;
  }

  public ClusterSnapshot next(long nowMillis, Map<NodeMonitorInfo, Answer<NodeLoad>> loads,
      Map<SchedulerInfo, Answer<SchedulerStats>> stats) {
    double seconds = lastMillis < 0 ? 0 : Math.max(1, nowMillis - lastMillis) / 1000.0;

    List<NodeMonitorInfo> nodes = new ArrayList<>(loads.keySet());
    nodes.sort(Comparator.comparing(NodeMonitorInfo::id));
    List<NodeMonitorView> nodeViews = new ArrayList<>(nodes.size());
    int slots = 0;
    int busy = 0;
    int queued = 0;
    int reachable = 0;
    long tasksDone = 0;
    Set<String> present = new HashSet<>();
    UserShares users = new UserShares();
    for (NodeMonitorInfo nm : nodes) {
      present.add(nm.id());
      Answer<NodeLoad> a = loads.get(nm);
      nodeViews.add(new NodeMonitorView(nm.id(), nm.host(), nm.internalPort(), nm.backendPort(), nm.slots(),
          nm.attributes(), a.value(), a.error()));
      slots += nm.slots();
      if (a.value() == null) {
        if (unreachable.add(nm.id())) {
          fail(nowMillis, "node monitor " + nm.id(), "unreachable: " + a.error());
        }
        continue;
      }
      unreachable.remove(nm.id());
      NodeLoad load = a.value();
      reachable++;
      busy += load.busySlots();
      queued += load.queuedReservations();
      users.add(load);
      NodeLoad before = lastLoads.put(nm.id(), load);
      if (before != null) {
        tasksDone += Math.max(0, load.completedTasks() - before.completedTasks());
        long failed = load.failedTasks() - before.failedTasks();
        if (failed > 0) {
          fail(nowMillis, "node monitor " + nm.id(), failed + (failed == 1 ? " task" : " tasks") + " failed");
        }
      }
    }
    for (String gone : lastNodes) {
      if (!present.contains(gone)) {
        fail(nowMillis, "node monitor " + gone, "left the cluster");
        lastLoads.remove(gone);
        unreachable.remove(gone);
      }
    }
    lastNodes.clear();
    lastNodes.addAll(present);

    List<SchedulerInfo> schedulers = new ArrayList<>(stats.keySet());
    schedulers.sort(Comparator.comparing(SchedulerInfo::id));
    List<SchedulerView> schedulerViews = new ArrayList<>(schedulers.size());
    int active = 0;
    long submitted = 0;
    long jobsFailed = 0;
    long jobsDone = 0;
    long recent = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    Set<String> presentSchedulers = new HashSet<>();
    for (SchedulerInfo s : schedulers) {
      presentSchedulers.add(s.id());
      Answer<SchedulerStats> a = stats.get(s);
      schedulerViews.add(new SchedulerView(s.id(), s.host(), s.port(), s.internalPort(), a.value(), a.error()));
      if (a.value() == null) {
        if (unreachable.add("scheduler " + s.id())) {
          fail(nowMillis, "scheduler " + s.id(), "unreachable: " + a.error());
        }
        continue;
      }
      unreachable.remove("scheduler " + s.id());
      SchedulerStats st = a.value();
      active += st.activeJobs();
      submitted += st.jobsSubmitted();
      jobsFailed += st.jobsFailed();
      recent += st.recentJobs();
      p50 += st.recentJobs() * st.responseP50Ms();
      p95 += st.recentJobs() * st.responseP95Ms();
      p99 += st.recentJobs() * st.responseP99Ms();
      SchedulerStats before = lastStats.put(s.id(), st);
      if (before != null) {
        jobsDone += Math.max(0, st.jobsSucceeded() + st.jobsFailed() - before.jobsSucceeded() - before.jobsFailed());
        long failed = st.jobsFailed() - before.jobsFailed();
        if (failed > 0) {
          fail(nowMillis, "scheduler " + s.id(), failed + (failed == 1 ? " job" : " jobs") + " failed");
        }
      }
    }
    lastStats.keySet().retainAll(presentSchedulers);
    unreachable.removeIf(k -> k.startsWith("scheduler ") && !presentSchedulers.contains(k.substring(10)));
    if (recent > 0) {
      p50 /= recent;
      p95 /= recent;
      p99 /= recent;
    }

    double tasksPerSecond = seconds > 0 ? tasksDone / seconds : 0;
    double jobsPerSecond = seconds > 0 ? jobsDone / seconds : 0;
    double utilisation = slots == 0 ? 0 : busy / (double) slots;
    lastMillis = nowMillis;
    history.addLast(new HistoryPoint(nowMillis, tasksPerSecond, jobsPerSecond, busy, queued, utilisation, p50, p95,
        p99));
    while (history.size() > historyPoints) {
      history.removeFirst();
    }
    Totals totals = new Totals(nodes.size(), reachable, slots, busy, queued, utilisation, tasksPerSecond,
        jobsPerSecond, schedulers.size(), active, submitted, jobsFailed, p50, p95, p99);
    List<Failure> newestFirst = new ArrayList<>(failures);
    Collections.reverse(newestFirst);
    return new ClusterSnapshot(cluster, nowMillis, intervalMs, totals, List.copyOf(nodeViews),
        List.copyOf(schedulerViews), List.copyOf(newestFirst), users.shares(), List.copyOf(history));
  }

  private void fail(long nowMillis, String subject, String what) {
    if (maxFailures == 0) {
      return;
    }
    failures.addLast(new Failure(nowMillis, subject, what));
    while (failures.size() > maxFailures) {
      failures.removeFirst();
    }
  }
}
