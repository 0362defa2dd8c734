package org.sparrow.scheduler;

import com.codahale.metrics.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparrow.common.BootIds;
import org.sparrow.common.Clock;
import org.sparrow.scheduler.job.HandedOut;
import org.sparrow.scheduler.job.TaskResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What node monitors ask and tell about this scheduler's jobs: getTasks (late binding) and
 * completion reports, each checked against the incarnation (boot id) the job's work was placed
 * on, so a restarted process neither gets nor reports its predecessor's tasks.
 */
final class NodeMonitorReports {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitorReports.class);

  private final Map<String, Job> jobs;
  private final FailureResponses failures;
  private final EffectRunner runner;
  private final SchedulerMetrics metrics;
  private final Clock clock;
  private final String bootId;

  NodeMonitorReports(Map<String, Job> jobs, FailureResponses failures, EffectRunner runner,
      SchedulerMetrics metrics, Clock clock, String bootId) {
    this.jobs = jobs;
    this.failures = failures;
    this.runner = runner;
    this.metrics = metrics;
    this.clock = clock;
    this.bootId = bootId;
  }

  /** See {@link Scheduler#getTasks(String, String, String, String, int)}. */
  TaskBatch getTasks(String requestId, String nodeMonitorId, String bootId, String schedulerBootId,
      int maxTasks) {
    Timer.Context t = metrics.getTasks.time();
    try {
      if (!BootIds.matches(schedulerBootId, this.bootId)) {
        // Placed by the process this one replaced: its job is not ours even if an id matched.
        // The asking node monitor is healthy, so nothing is marked; it drops the reservation.
        LOG.debug("getTasks for {} placed by scheduler incarnation {} (this is {}): nothing",
            requestId, schedulerBootId, this.bootId);
        metrics.getTasksOtherIncarnation.mark();
        return TaskBatch.EXHAUSTED;
      }
      Job job = requestId == null ? null : jobs.get(RequestIds.jobOf(requestId));
      if (job == null || nodeMonitorId == null) {
        return TaskBatch.EXHAUSTED;
      }
      failures.answered(nodeMonitorId);
      if (bootId != null && !bootId.isEmpty() && !job.fromHolder(nodeMonitorId, bootId)) {
        return TaskBatch.EXHAUSTED;
      }
      Effects fx = job.handout(nodeMonitorId, maxTasks, clock.nanoTime());
      runner.perform(job, fx);
      return fx.batch();
    } finally {
      t.stop();
    }
  }

  /** See {@link Scheduler#answerLost(String, List)}. */
  void answerLost(String nodeMonitorId, List<HandedOut> tasks) {
    if (nodeMonitorId == null) {
      return;
    }
    Map<String, List<HandedOut>> byJob = new LinkedHashMap<>();
    for (HandedOut t : tasks) {
      if (t != null && t.requestId() != null && t.taskId() != null) {
        byJob.computeIfAbsent(t.requestId(), k -> new ArrayList<>()).add(t);
      }
    }
    byJob.forEach((requestId, ts) -> {
      Job job = jobs.get(requestId);
      if (job != null) {
        metrics.getTasksAnswerLost.mark(ts.size());
        runner.perform(job, job.answerLost(nodeMonitorId, ts));
      }
    });
  }

  /** See {@link Scheduler#tasksFinished(List, String, String)}. */
  void tasksFinished(List<TaskResult> reports, String bootId, String schedulerBootId) {
    if (!BootIds.matches(schedulerBootId, this.bootId)) {
      // Tasks the process this one replaced handed out: a job id of ours could only match by chance.
      LOG.debug("Ignoring {} results of tasks placed by scheduler incarnation {} (this is {})",
          reports.size(), schedulerBootId, this.bootId);
      metrics.tasksFinishedOtherIncarnation.mark(reports.size());
      return;
    }
    Map<String, List<TaskResult>> byJob = new LinkedHashMap<>();
    for (TaskResult r : reports) {
      if (r != null && r.id() != null && r.id().requestId() != null) {
        byJob.computeIfAbsent(r.id().requestId(), k -> new ArrayList<>()).add(r);
      }
    }
    byJob.forEach((requestId, rs) -> {
      Job job = jobs.get(requestId);
      if (job != null) {
        if (bootId != null && !bootId.isEmpty()) {
          rs = rs.stream().filter(r -> job.fromHolder(r.nodeMonitorId(), bootId)).toList();
        }
        runner.perform(job, job.finished(rs));
      } else {
        LOG.debug("Ignoring {} results of unknown or ended job {}", rs.size(), requestId);
      }
    });
  }
}
