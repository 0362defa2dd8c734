package org.sparrow.scheduler;

import org.sparrow.common.TaskState;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.sparrow.common.Clock;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.failure.NodeJobIndex;
import org.sparrow.scheduler.failure.ReplacementSpread;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.TaskResult;
import org.sparrow.scheduler.placement.ConstraintFilter;
import org.sparrow.scheduler.placement.Demand;
import org.sparrow.scheduler.placement.PlacementContext;
import org.sparrow.scheduler.placement.PlacementPipeline;
import org.sparrow.scheduler.placement.ReservationPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out what a job decided ({@link Effects}) once its lock is released: cancels, metrics,
 * frontend notices, the end of the job, reservations to send and re-placements. The answers of
 * those RPCs and placements come back here and feed the job again.
 */
final class EffectRunner {

  private static final Logger LOG = LoggerFactory.getLogger(EffectRunner.class);

  /** What the runner updates when a job ends, owned by the {@link Scheduler}. */
  record Books(Map<String, Job> jobs, DeadlineIndex deadlines, FinishedJobs finished,
      NodeJobIndex<Job> nodeIndex) {}

  private final ReservationDispatcher dispatcher;
  private final FrontendNotifier notifier;
  private final FrontendRegistry frontends;
  private final LiveNodes liveNodes;
  private final PlacementContext placementContext;
  private final SchedulerMetrics metrics;
  private final Clock clock;
  private final Books books;
  private final FailureResponses failures;

  /** How widely re-placements sample (at least the job's probe ratio). */
  private final ReplacementSpread spread;
  /** Whether a retry's reservations are marked for node monitors to serve first. */
  private final boolean retriesFirst;

  EffectRunner(ReservationDispatcher dispatcher, FrontendNotifier notifier, FrontendRegistry frontends,
      LiveNodes liveNodes, PlacementContext placementContext, SchedulerMetrics metrics, Clock clock,
      Books books, FailureResponses failures, ReplacementSpread spread, boolean retriesFirst) {
    this.spread = spread;
    this.retriesFirst = retriesFirst;
    this.dispatcher = dispatcher;
    this.notifier = notifier;
    this.frontends = frontends;
    this.liveNodes = liveNodes;
    this.placementContext = placementContext;
    this.metrics = metrics;
    this.clock = clock;
    this.books = books;
    this.failures = failures;
  }

  void perform(Job job, Effects fx) {
    for (Effects.Cancel c : fx.cancels()) {
      dispatcher.cancel(c.node(), c.reservationId());
    }
    for (long delay : fx.launchDelays()) {
      metrics.schedulingDelay.update(delay, TimeUnit.NANOSECONDS);
    }
    metrics.tasksLaunched.mark(fx.launchDelays().size());
    if (!fx.retried().isEmpty()) {
      metrics.tasksRetried.mark(fx.retried().size());
      LOG.info("Job {}: retrying {} lost tasks, e.g. {}", job.requestId, fx.retried().size(),
          fx.retried().get(0).describe());
    }
    for (TaskResult r : fx.finished()) {
      if (r.state() == TaskState.LOST) {
        metrics.tasksLost.mark();
      } else if (r.state() == TaskState.TIMED_OUT) {
        metrics.tasksTimedOut.mark();
      }
      notifyFrontend(job, r);
    }
    for (Effects.Send send : fx.sends()) {
      books.nodeIndex().add(send.node().id(), job);
    }
    if (fx.ended() != null) {
      ended(job, fx.ended());
    }
    if (!fx.sends().isEmpty() && fx.ended() == null && !job.isRunning()) {
      // It ended on another thread between deciding and indexing: do not leave it indexed.
      books.nodeIndex().remove(job.nodeIds(), job);
    }
    for (Effects.Send send : fx.sends()) {
      dispatch(job, send);
    }
    if (!fx.replace().isEmpty()) {
      replace(job, fx.replace(), !fx.retried().isEmpty());
    }
  }

  /** A placement finished (first or re-placement): record it, or fail the tasks it was for. */
  void onPlan(Job job, ReservationPlan plan, Throwable err, Collection<String> taskIds) {
    onPlan(job, plan, err, taskIds, false);
  }

  /** @param forRetry the placement is for tasks whose run was lost (its reservations say so) */
  private void onPlan(Job job, ReservationPlan plan, Throwable err, Collection<String> taskIds,
      boolean forRetry) {
    try {
      if (err != null) {
        LOG.warn("Placement of job {} failed", job.requestId, err);
        perform(job, job.failUnlaunched(taskIds, "placement failed: " + err));
      } else {
        perform(job, job.apply(plan, clock.nanoTime(), forRetry));
      }
    } catch (RuntimeException e) {
      LOG.error("Applying the placement of job {} failed", job.requestId, e);
    }
  }

  private void ended(Job job, JobState state) {
    books.finished().add(job.status(), clock.nanoTime());
    books.jobs().remove(job.requestId);
    books.deadlines().remove(job);
    books.nodeIndex().remove(job.nodeIds(), job);
    (state == JobState.SUCCEEDED ? metrics.jobsCompleted
        : state == JobState.CANCELLED ? metrics.jobsCancelled : metrics.jobsFailed).mark();
    metrics.jobResponseTime.update(clock.nanoTime() - job.submitNanos, TimeUnit.NANOSECONDS);
    LOG.debug("Job {} ended {}", job.requestId, state);
  }

  private void notifyFrontend(Job job, TaskResult r) {
    if (!job.spec.request().notifyCompletion() || job.givenUp) {
      return;
    }
    HostPort frontend = frontends.notificationsOf(job);
    if (frontend == null) {
      LOG.warn("Job {} asked for completion notices but app {} has no frontend registered any more",
          job.requestId, job.app());
      return;
    }
    notifier.taskFinished(frontend, r);
  }

  private void dispatch(Job job, Effects.Send send) {
    NodeMonitorInfo node = send.node();
    Reservation reservation = send.reservation();
    CompletionStage<Integer> sent;
    try {
      sent = dispatcher.enqueue(node, reservation);
    } catch (RuntimeException e) {
      sent = CompletableFuture.failedFuture(e);
    }
    // After the dispatcher took it: a reader of the meter (a test, an operator) knows every
    // counted enqueue is on its node's lane, though a submit's answer leaves before it is.
    metrics.enqueueRequests.mark();
    sent.whenComplete((accepted, err) -> {
      try {
        onEnqueued(job, node, reservation, accepted, err);
      } catch (RuntimeException e) {
        LOG.error("Handling the enqueue result of job {} on {} failed", job.requestId, node.id(), e);
      }
    });
  }

  private void onEnqueued(Job job, NodeMonitorInfo node, Reservation r, Integer accepted, Throwable err) {
    int unbound = r.count() - r.boundTasks().size();
    if (err != null) {
      metrics.enqueueFailures.mark();
      LOG.info("Node monitor {} did not take {} reservations of job {}: {}", node.id(), r.count(),
          r.requestId(), err.toString());
      List<String> bound = r.boundTasks().stream().map(t -> t.id().taskId()).toList();
      perform(job, job.enqueueFailed(node.id(), unbound, bound));
      failures.callFailed(node, err);
      return;
    }
    failures.answered(node.id());
    if (accepted != null && accepted < r.count()) {
      metrics.enqueueFailures.mark();
      perform(job, job.enqueueFailed(node.id(), Math.min(unbound, r.count() - accepted), List.of()));
    } else if (liveNodes.departedSincePlacement(job, node.id())) {
      // It left while the enqueue was on its way, after nodeLeft had already run for this job.
      perform(job, job.nodeLeft(node.id()));
    }
  }

  /** Re-places reservations for tasks that lost theirs, excluding nodes that refused the job. */
  /** @param retrying the demands include tasks whose run was lost (they sample more widely) */
  private void replace(Job job, List<Demand> demands, boolean retrying) {
    if (!job.isRunning()) {
      return;
    }
    ConstraintFilter.Result filtered = ConstraintFilter.apply(liveNodes.forPlacement(job), demands, job.excluded());
    for (Demand d : filtered.unplaceable()) {
      perform(job, job.failUnlaunched(d.taskIds(),
          "no eligible node monitor left (needs " + d.requirement().describe() + ")"));
    }
    if (filtered.groups().isEmpty()) {
      return;
    }
    List<String> taskIds = new ArrayList<>();
    filtered.groups().forEach(g -> taskIds.addAll(g.taskIds()));
    metrics.reservationsReplaced.mark(taskIds.size());
    LOG.debug("Re-placing reservations of job {} for {} tasks", job.requestId, taskIds.size());
    ConstraintFilter.Result placeable = new ConstraintFilter.Result(filtered.groups(), List.of());
    CompletionStage<PlacementPipeline.Outcome> stage;
    try {
      // At least the job's own probe ratio: a retried task (its first run was lost) should not
      // also wait in the queue of the one node monitor a ratio of 1 would pick. For a retry, up
      // to ReplacementSpread's node monitors per task (it has waited a lost run already); late
      // binding runs it on whichever sampled node asks first, and the spare reservations are
      // cancelled as usual. Reservations re-placed without a retry (a refused enqueue, a
      // handed-back or suspect node's queued reservations) keep the job's ratio.
      double ratio = retrying ? spread.ratio(job.spec.probeRatio(), filtered.groups())
          : Math.max(1.0, job.spec.probeRatio());
      stage = PlacementPipeline.place(job.requestId, ratio, placeable, job.policy(), placementContext);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    // A retry's reservations go ahead of ordinary ones on the node monitors: its job has paid a
    // lost run already. Other reservations re-placed in the same round (a suspect node's queued
    // ones) are marked too: they had queued once already, and the round is one placement.
    boolean marked = retrying && retriesFirst;
    stage.whenComplete((outcome, err) -> onPlan(job, outcome == null ? null : outcome.plan(), err, taskIds,
        marked));
  }
}
