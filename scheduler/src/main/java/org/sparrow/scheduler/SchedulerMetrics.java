package org.sparrow.scheduler;

import com.codahale.metrics.Meter;
import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import com.codahale.metrics.Timer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The scheduler's metrics, all named "scheduler.*" (see the module README). */
public final class SchedulerMetrics {

  public static final String SCHEDULING_DELAY = "scheduler.scheduling-delay";
  public static final String GET_TASKS = "scheduler.get-tasks";
  public static final String PLACEMENT = "scheduler.placement";
  public static final String JOBS_SUBMITTED = "scheduler.jobs.submitted";
  public static final String JOBS_COMPLETED = "scheduler.jobs.completed";
  public static final String JOBS_FAILED = "scheduler.jobs.failed";
  public static final String JOBS_CANCELLED = "scheduler.jobs.cancelled";
  public static final String JOBS_ACTIVE = "scheduler.jobs.active";
  public static final String NODE_MONITORS_KNOWN = "scheduler.nodemonitors.known";
  public static final String TASKS_LAUNCHED = "scheduler.tasks.launched";
  public static final String TASKS_LOST = "scheduler.tasks.lost";
  public static final String TASKS_TIMED_OUT = "scheduler.tasks.timed-out";
  public static final String RESERVATIONS_REPLACED = "scheduler.reservations.replaced";
  /**
   * Enqueue requests (one job's reservations for one node monitor) handed to the dispatcher,
   * which has queued each on its node's lane by the time it is counted; with
   * {@link #ENQUEUE_FAILURES}, the share of enqueues that fail.
   */
  public static final String ENQUEUE_REQUESTS = "scheduler.enqueue.requests";
  public static final String ENQUEUE_FAILURES = "scheduler.enqueue.failures";
  public static final String TASKS_RETRIED = "scheduler.tasks.retried";
  public static final String NODES_SUSPECTED = "scheduler.nodemonitors.suspected";
  public static final String SUBMITS_DUPLICATE = "scheduler.submits.duplicate";
  public static final String SUBMITS_EXPIRED = "scheduler.submits.expired";
  /** Jobs given up because their client's lease ended (it could not be reached). */
  public static final String JOBS_ABANDONED = "scheduler.jobs.abandoned";
  public static final String SUBMITS_UNSENT = "scheduler.submits.unsent";
  /**
   * Tasks of live jobs named by a getTasks answer the node monitor asked for again after it was
   * given up (so it never arrived): their runs are treated as lost.
   */
  public static final String GET_TASKS_ANSWER_LOST = "scheduler.get-tasks.answer-lost";
  /**
   * getTasks for reservations that the process before this one on the same address placed:
   * answered with nothing. Not a failure of anyone; it shows a restart's leftovers draining.
   */
  public static final String GET_TASKS_OTHER_INCARNATION = "scheduler.get-tasks.other-incarnation";
  /** Completion reports (one per task) about tasks that process placed: ignored, likewise. */
  public static final String TASKS_FINISHED_OTHER_INCARNATION = "scheduler.tasks-finished.other-incarnation";
  /** Reservations a draining node monitor handed back that that process placed: not re-placed. */
  public static final String RESERVATIONS_RETURNED_OTHER_INCARNATION =
      "scheduler.reservations-returned.other-incarnation";
  /** Submission to last task ended, over a sliding window (status pages chart it). */
  public static final String JOB_RESPONSE_TIME = "scheduler.jobs.response-time";
  /** Followed by a placement policy's name: jobs submitted with that policy. */
  public static final String JOBS_BY_POLICY_PREFIX = org.sparrow.common.metrics.PrometheusText.POLICY_METERS;
  /** How far back {@link #JOB_RESPONSE_TIME} looks. */
  public static final long RESPONSE_WINDOW_SECONDS = 10;

  private static final List<String> GAUGES = List.of(JOBS_ACTIVE, NODE_MONITORS_KNOWN);

  private final MetricRegistry registry;
  final Timer schedulingDelay;
  final Timer getTasks;
  final Timer placement;
  final Meter jobsSubmitted;
  final Meter jobsCompleted;
  final Meter jobsFailed;
  final Meter jobsCancelled;
  final Meter tasksLaunched;
  final Meter tasksLost;
  final Meter tasksTimedOut;
  final Meter reservationsReplaced;
  final Meter enqueueRequests;
  final Meter enqueueFailures;
  final Meter tasksRetried;
  final Meter nodesSuspected;
  final Meter submitsDuplicate;
  final Meter submitsExpired;
  final Meter jobsAbandoned;
  /** Jobs dropped because their answer was not written before the submit deadline. */
  final Meter submitsUnsent;
  final Meter getTasksOtherIncarnation;
  final Meter getTasksAnswerLost;
  final Meter tasksFinishedOtherIncarnation;
  final Meter reservationsReturnedOtherIncarnation;
  final Timer jobResponseTime;

  SchedulerMetrics(MetricRegistry registry, Supplier<Integer> activeJobs, Supplier<Integer> knownNodes) {
    this.registry = registry;
    schedulingDelay = registry.timer(SCHEDULING_DELAY);
    getTasks = registry.timer(GET_TASKS);
    placement = registry.timer(PLACEMENT);
    jobsSubmitted = registry.meter(JOBS_SUBMITTED);
    jobsCompleted = registry.meter(JOBS_COMPLETED);
    jobsFailed = registry.meter(JOBS_FAILED);
    jobsCancelled = registry.meter(JOBS_CANCELLED);
    tasksLaunched = registry.meter(TASKS_LAUNCHED);
    tasksLost = registry.meter(TASKS_LOST);
    tasksTimedOut = registry.meter(TASKS_TIMED_OUT);
    reservationsReplaced = registry.meter(RESERVATIONS_REPLACED);
    enqueueRequests = registry.meter(ENQUEUE_REQUESTS);
    enqueueFailures = registry.meter(ENQUEUE_FAILURES);
    tasksRetried = registry.meter(TASKS_RETRIED);
    nodesSuspected = registry.meter(NODES_SUSPECTED);
    submitsDuplicate = registry.meter(SUBMITS_DUPLICATE);
    submitsExpired = registry.meter(SUBMITS_EXPIRED);
    jobsAbandoned = registry.meter(JOBS_ABANDONED);
    submitsUnsent = registry.meter(SUBMITS_UNSENT);
    getTasksOtherIncarnation = registry.meter(GET_TASKS_OTHER_INCARNATION);
    getTasksAnswerLost = registry.meter(GET_TASKS_ANSWER_LOST);
    tasksFinishedOtherIncarnation = registry.meter(TASKS_FINISHED_OTHER_INCARNATION);
    reservationsReturnedOtherIncarnation = registry.meter(RESERVATIONS_RETURNED_OTHER_INCARNATION);
    jobResponseTime = registry.timer(JOB_RESPONSE_TIME, () -> new Timer(
        new SlidingTimeWindowArrayReservoir(RESPONSE_WINDOW_SECONDS, TimeUnit.SECONDS)));
    // Replace, not reuse: a gauge left by an earlier scheduler on this registry would read a dead one.
    registry.remove(JOBS_ACTIVE);
    registry.remove(NODE_MONITORS_KNOWN);
    registry.gauge(JOBS_ACTIVE, () -> activeJobs::get);
    registry.gauge(NODE_MONITORS_KNOWN, () -> knownNodes::get);
  }

  void jobSubmitted(String policy) {
    jobsSubmitted.mark();
    registry.meter(JOBS_BY_POLICY_PREFIX + policy).mark();
  }

  /** Removes the gauges (they point at this scheduler); meters and timers stay for reporting. */
  void close() {
    GAUGES.forEach(registry::remove);
  }
}
