package org.sparrow.status;

import java.util.List;
import java.util.Map;
import org.sparrow.common.NodeLoad;

/**
 * One sample of the whole cluster, and its JSON form (served as {@code cluster.json} and pushed
 * to dashboards): every registered node monitor with its load, every scheduler with its
 * figures, totals and rates, recent failures and a bounded history for charts.
 *
 * @param history oldest first; dashboards get it whole once when they connect, then one point
 *                per sample ({@link #withLatestPointOnly})
 */
public record ClusterSnapshot(
    String cluster,
    long sampledAtMillis,
    long intervalMs,
    Totals totals,
    List<NodeMonitorView> nodeMonitors,
    List<SchedulerView> schedulers,
    List<Failure> recentFailures,
    List<UserShare> userShares,
    List<HistoryPoint> history) {

  /**
   * Cluster-wide figures of this sample. Rates are over the time since the previous sample;
   * response-time percentiles are the job-weighted mean of the schedulers' recent windows.
   */
  public record Totals(
      int nodeMonitors,
      int reachableNodeMonitors,
      int slots,
      int busySlots,
      int queuedReservations,
      double utilisation,
      double tasksPerSecond,
      double jobsPerSecond,
      int schedulers,
      int activeJobs,
      long jobsSubmitted,
      long jobsFailed,
      double responseP50Ms,
      double responseP95Ms,
      double responseP99Ms) {}

  /** A registered node monitor; {@code load} is null when probing it failed ({@code loadError}). */
  public record NodeMonitorView(String id, String host, int internalPort, int backendPort, int slots,
      Map<String, String> attributes, NodeLoad load, String loadError) {}

  /** A registered scheduler; {@code stats} is null when asking it failed ({@code statsError}). */
  public record SchedulerView(String id, String host, int port, int internalPort, SchedulerStats stats,
      String statsError) {}

  /** Something that went wrong, seen when it was sampled. */
  public record Failure(long atMillis, String subject, String what) {}

  /**
   * One user's part of the cluster (the users of queue policies, {@code TUserGroupInfo.user}),
   * summed over the node monitors' load replies; users with nothing running or queued are left
   * out. The dashboard shows the panel when the list is not empty.
   *
   * @param runningShare this user's fraction of all running tasks (0 when nothing runs)
   */
  public record UserShare(String user, int runningTasks, int queuedReservations, double runningShare) {}

  /** One point of the charts. */
  public record HistoryPoint(long atMillis, double tasksPerSecond, double jobsPerSecond, int busySlots,
      int queuedReservations, double utilisation, double responseP50Ms, double responseP95Ms,
      double responseP99Ms) {}

  public ClusterSnapshot withLatestPointOnly() {
    HistoryPoint last = latestPoint();
    return new ClusterSnapshot(cluster, sampledAtMillis, intervalMs, totals, nodeMonitors, schedulers,
        recentFailures, userShares, last == null ? List.of() : List.of(last));
  }

  /** The newest point of the history, or null before the first sample. */
  public HistoryPoint latestPoint() {
    return history.isEmpty() ? null : history.get(history.size() - 1);
  }
}
