package org.sparrow.scheduler.thrift;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Snapshot;
import com.codahale.metrics.Timer;
import java.util.HashMap;
import java.util.Map;
import org.sparrow.scheduler.SchedulerMetrics;
import org.sparrow.thrift.TSchedulerStats;

/**
 * Answers {@code getSchedulerStats} from the scheduler's metric registry (counts only: reading
 * them takes no scheduler lock, so a dashboard polling every second costs next to nothing).
 */
public final class SchedulerStatsWire {

  private static final double NANOS_PER_MS = 1e6;

  private SchedulerStatsWire() {}

  public static TSchedulerStats from(String schedulerId, MetricRegistry registry) {
    Timer responseTimer = registry.getTimers().get(SchedulerMetrics.JOB_RESPONSE_TIME);
    Snapshot response = responseTimer == null ? new Timer().getSnapshot() : responseTimer.getSnapshot();
    Map<String, Long> byPolicy = new HashMap<>();
    registry.getMeters((name, m) -> name.startsWith(SchedulerMetrics.JOBS_BY_POLICY_PREFIX))
        .forEach((name, m) -> byPolicy.put(name.substring(SchedulerMetrics.JOBS_BY_POLICY_PREFIX.length()),
            m.getCount()));
    return new TSchedulerStats()
        .setSchedulerId(schedulerId)
        .setJobsSubmitted(count(registry, SchedulerMetrics.JOBS_SUBMITTED))
        .setJobsSucceeded(count(registry, SchedulerMetrics.JOBS_COMPLETED))
        .setJobsFailed(count(registry, SchedulerMetrics.JOBS_FAILED))
        .setActiveJobs(gauge(registry, SchedulerMetrics.JOBS_ACTIVE))
        .setTasksLaunched(count(registry, SchedulerMetrics.TASKS_LAUNCHED))
        .setNodeMonitorsKnown(gauge(registry, SchedulerMetrics.NODE_MONITORS_KNOWN))
        .setRecentJobs(response.size())
        .setResponseP50Ms(response.getMedian() / NANOS_PER_MS)
        .setResponseP95Ms(response.get95thPercentile() / NANOS_PER_MS)
        .setResponseP99Ms(response.get99thPercentile() / NANOS_PER_MS)
        .setJobsByPolicy(byPolicy);
  }

  private static long count(MetricRegistry registry, String name) {
    Meter m = registry.getMeters().get(name);
    return m == null ? 0 : m.getCount();
  }

  private static int gauge(MetricRegistry registry, String name) {
    Gauge<?> g = registry.getGauges().get(name);
    return g != null && g.getValue() instanceof Number n ? n.intValue() : 0;
  }
}
