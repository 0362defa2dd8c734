package org.sparrow.scheduler;

import com.codahale.metrics.Timer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.sparrow.common.Clock;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.HostPort;
import org.sparrow.common.Membership;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.admission.Admission;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobState;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.placement.ConstraintFilter;
import org.sparrow.scheduler.placement.Demand;
import org.sparrow.scheduler.placement.EligibleNodes;
import org.sparrow.scheduler.placement.PlacementContext;
import org.sparrow.scheduler.placement.PlacementPipeline;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What admission asks of the scheduler core: validate a job and start it (place its
 * reservations) when every task has an eligible node monitor, time out a waiting one, record
 * one that ended without running. A job started by a submit's own call waits for its answer to
 * go out before its reservations do ({@link AnswerHolds}).
 */
final class JobStarter implements Admission.Starter {

  private static final Logger LOG = LoggerFactory.getLogger(JobStarter.class);

  private final RequestIds ids;
  private final Membership<NodeMonitorInfo> nodeMonitors;
  private final JobValidator validator;
  private final Supplier<ClusterSettings> settings;
  private final FrontendRegistry frontends;
  private final HostPort address;
  private final LiveNodes liveNodes;
  private final SchedulerMetrics metrics;
  private final PlacementContext placementContext;
  private final EffectRunner.Books books;
  private final EffectRunner runner;
  private final Clock clock;
  private final AnswerHolds holds;

  JobStarter(RequestIds ids, Membership<NodeMonitorInfo> nodeMonitors, JobValidator validator,
      Supplier<ClusterSettings> settings, FrontendRegistry frontends, HostPort address,
      LiveNodes liveNodes, SchedulerMetrics metrics, PlacementContext placementContext,
      EffectRunner.Books books, EffectRunner runner, Clock clock, AnswerHolds holds) {
    this.ids = ids;
    this.nodeMonitors = nodeMonitors;
    this.validator = validator;
    this.settings = settings;
    this.frontends = frontends;
    this.address = address;
    this.liveNodes = liveNodes;
    this.metrics = metrics;
    this.placementContext = placementContext;
    this.books = books;
    this.runner = runner;
    this.clock = clock;
    this.holds = holds;
  }

  @Override
  public String nextRequestId() {
    String id = ids.next();
    holds.issued(id);
    return id;
  }

  @Override
  public Map<String, NodeMonitorInfo> members() {
    return nodeMonitors.snapshot();
  }

  @Override
  public Admission.Blocked tryStart(String requestId, JobRequest request, long submitNanos, boolean fromQueue) {
    ValidJob valid = validator.validate(request, settings.get(), frontends::contains);
    Job job = new Job(requestId, valid, address, submitNanos);
    EligibleNodes live = liveNodes.forPlacement(job);
    Timer.Context placing = metrics.placement.time();
    ConstraintFilter.Result filtered = ConstraintFilter.apply(live, job.initialDemands(), Set.of());
    if (live.size() == 0 || !filtered.unplaceable().isEmpty()) {
      placing.stop();
      return new Admission.Blocked(live.size() == 0 ? "no node monitors are registered in the cluster"
          : describeUnplaceable(filtered.unplaceable(), live.size()),
          valid.hasDeadline(), valid.deadlineNanos(submitNanos));
    }
    start(job, valid, filtered, placing, !fromQueue);
    return null;
  }

  @Override
  public void accepted(String requestId) {
    metrics.jobsSubmitted.mark();
  }

  @Override
  public void timeOut(String requestId, JobRequest request, long submitNanos) {
    Job job = new Job(requestId, validator.validate(request, settings.get(), frontends::contains),
        address, submitNanos);
    runner.perform(job, job.timeOut());
  }

  @Override
  public void ended(JobStatus status) {
    books.finished().add(status, clock.nanoTime());
    metrics.jobsSubmitted.mark();
    (status.state() == JobState.SUCCEEDED ? metrics.jobsCompleted : metrics.jobsFailed).mark();
  }

  /** Places a valid job whose every task has an eligible node monitor. */
  private void start(Job job, ValidJob valid, ConstraintFilter.Result filtered, Timer.Context placing,
      boolean count) {
    CompletionStage<PlacementPipeline.Outcome> stage;
    try {
      stage = PlacementPipeline.place(job.requestId, valid.probeRatio(), filtered, valid.policy(), placementContext);
    } catch (RuntimeException e) {
      placing.stop();
      throw new IllegalArgumentException("placement policy " + valid.policy().name() + " failed: " + e.getMessage(), e);
    }
    books.jobs().put(job.requestId, job);
    if (valid.hasDeadline()) {
      books.deadlines().add(job);
    }
    if (count) {
      metrics.jobSubmitted(valid.policy().name());
    }
    LOG.debug("Accepted job {} of app {} with {} tasks", job.requestId, job.app(), job.totalTasks());
    List<String> allTasks = job.allTaskIds();
    // A job started by the submit on this thread waits for its answer to go out (see Acceptance).
    CompletableFuture<Boolean> keep = holds.keepOf(job.requestId);
    stage.whenComplete((outcome, err) -> {
      placing.stop();
      keep.thenAccept(kept -> {
        if (kept) {
          runner.onPlan(job, outcome == null ? null : outcome.plan(), err, allTasks);
        } else {
          dropUnsent(job);
        }
      });
    });
  }

  /** A job dropped unrun before any of its reservations went out: it vanishes. */
  private void dropUnsent(Job job) {
    books.jobs().remove(job.requestId, job);
    books.deadlines().remove(job);
  }

  private static String describeUnplaceable(List<Demand> unplaceable, int liveNodes) {
    Demand first = unplaceable.get(0);
    int tasks = unplaceable.stream().mapToInt(d -> d.taskIds().size()).sum();
    String some = first.taskIds().stream().limit(5).map(t -> "'" + t + "'").collect(Collectors.joining(", "));
    return "no node monitor is eligible for " + tasks + " task(s) (" + some
        + (first.taskIds().size() > 5 ? ", ..." : "") + "): none of the " + liveNodes
        + " registered node monitors has " + first.requirement().describe();
  }
}
