package org.sparrow.scheduler;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.Timer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.sparrow.common.Clock;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.HostPort;
import org.sparrow.common.Membership;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.placement.ConstraintFilter;
import org.sparrow.scheduler.placement.Demand;
import org.sparrow.scheduler.placement.EligibleNodes;
import org.sparrow.common.LoadProbe;
import org.sparrow.scheduler.placement.PlacementContext;
import org.sparrow.scheduler.placement.PlacementPipeline;
import org.sparrow.scheduler.placement.PlacementPolicies;
import org.sparrow.scheduler.placement.ReservationPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's logic, free of sockets and threads: submit (validate, place, dispatch),
 * getTasks (late binding), tasksFinished, node monitor departures, deadlines. I/O goes through
 * the injected {@link ReservationDispatcher} and {@link FrontendNotifier}; time through the
 * injected {@link Clock}, whose owner calls {@link #expireDue()} now and then.
 *
 * <p>Every accepted job ends SUCCEEDED or FAILED: tasks that cannot be placed fail, tasks on a
 * departed node monitor are LOST, and the deadline times out whatever is left.
 */
public final class Scheduler {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  /** Orders deadlines; seq breaks ties between jobs submitted in the same nanosecond. */
  private record DeadlineKey(long nanos, long seq) implements Comparable<DeadlineKey> {
    @Override
    public int compareTo(DeadlineKey o) {
      int c = Long.compare(nanos, o.nanos);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final String id;
  private final HostPort address;
  private final Membership<NodeMonitorInfo> nodeMonitors;
  private final Supplier<ClusterSettings> settings;
  private final ReservationDispatcher dispatcher;
  private final FrontendNotifier notifier;
  private final PlacementContext placementContext;
  private final Clock clock;
  private final JobValidator validator;
  private final RequestIds ids;
  private final SchedulerMetrics metrics;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final Map<Job, DeadlineKey> deadlineOf = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<DeadlineKey, Job> deadlines = new ConcurrentSkipListMap<>();
  private final AtomicLong deadlineSeq = new AtomicLong();
  private final FinishedJobs finishedJobs;
  private final Map<String, HostPort> frontends = new ConcurrentHashMap<>();
  /** The last membership snapshot seen with its prepared view, as one value so they always match. */
  private record View(Map<String, NodeMonitorInfo> snapshot, EligibleNodes nodes) {}

  private volatile View view = new View(Map.of(), new EligibleNodes(List.of()));

  private Scheduler(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.address = Objects.requireNonNull(b.address, "address");
    this.nodeMonitors = Objects.requireNonNull(b.nodeMonitors, "nodeMonitors");
    this.settings = b.settings;
    this.dispatcher = Objects.requireNonNull(b.dispatcher, "dispatcher");
    this.notifier = b.notifier;
    this.placementContext = new PlacementContext(b.random, b.loadProbe);
    this.clock = b.clock;
    this.validator = new JobValidator(b.policies, b.maxTasksPerJob, b.defaultJobTimeoutMs);
    this.ids = new RequestIds(id, b.bootId != null ? b.bootId : RequestIds.randomBootId());
    this.finishedJobs = new FinishedJobs(b.retainedJobs, b.retainFinishedMs);
    this.metrics = new SchedulerMetrics(b.metrics, jobs::size, () -> nodeMonitors.snapshot().size());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** "host:port" of the SchedulerService. */
  public String id() {
    return id;
  }

  /** The SchedulerService address put into every task id. */
  public HostPort address() {
    return address;
  }

  public int activeJobs() {
    return jobs.size();
  }

  // ---- frontends --------------------------------------------------------------------------

  /** Remembers where the app's frontend listens (a later registration replaces it). */
  public void registerFrontend(String app, HostPort frontend) {
    if (app == null || app.isBlank()) {
      throw new IllegalArgumentException("app is missing");
    }
    frontends.put(app, Objects.requireNonNull(frontend, "frontend"));
  }

  /** The original relay: passes a backend's message to the frontend registered for the app. */
  public void relay(String app, FullTaskId taskId, int status, byte[] message) {
    HostPort frontend = app == null ? null : frontends.get(app);
    if (frontend == null) {
      LOG.warn("No frontend registered for app {}; dropping a message about task {}", app, taskId);
      return;
    }
    notifier.relay(frontend, taskId, status, message);
  }

  // ---- jobs -------------------------------------------------------------------------------

  /**
   * Accepts a job and places its reservations. Returns its request id.
   *
   * @throws IllegalArgumentException naming what is wrong; nothing was accepted then
   */
  public String submit(JobRequest request) {
    Objects.requireNonNull(request, "request");
    ValidJob valid = validator.validate(request, settings.get(), frontends::containsKey);
    Job job = new Job(ids.next(), valid, address, clock.nanoTime());
    EligibleNodes live = liveNodes(job);
    if (live.size() == 0) {
      throw new IllegalArgumentException("no node monitors are registered in the cluster");
    }
    Timer.Context placing = metrics.placement.time();
    ConstraintFilter.Result filtered = ConstraintFilter.apply(live, job.initialDemands(), Set.of());
    if (!filtered.unplaceable().isEmpty()) {
      placing.stop();
      throw new IllegalArgumentException(describeUnplaceable(filtered.unplaceable(), live.size()));
    }
    CompletionStage<PlacementPipeline.Outcome> stage;
    try {
      stage = PlacementPipeline.place(job.requestId, valid.probeRatio(), filtered, valid.policy(), placementContext);
    } catch (RuntimeException e) {
      placing.stop();
      throw new IllegalArgumentException("placement policy " + valid.policy().name() + " failed: " + e.getMessage(), e);
    }
    jobs.put(job.requestId, job);
    DeadlineKey key = new DeadlineKey(job.deadlineNanos, deadlineSeq.incrementAndGet());
    deadlineOf.put(job, key);
    deadlines.put(key, job);
    metrics.jobSubmitted(valid.policy().name());
    LOG.debug("Accepted job {} of app {} with {} tasks", job.requestId, job.app(), job.totalTasks());
    List<String> allTasks = job.allTaskIds();
    stage.whenComplete((outcome, err) -> {
      placing.stop();
      onPlan(job, outcome == null ? null : outcome.plan(), err, allTasks);
    });
    return job.requestId;
  }

  /** Late binding: a node monitor with a free slot asks for up to {@code maxTasks} tasks. */
  public TaskBatch getTasks(String requestId, String nodeMonitorId, int maxTasks) {
    Timer.Context t = metrics.getTasks.time();
    try {
      Job job = requestId == null ? null : jobs.get(requestId);
      if (job == null || nodeMonitorId == null) {
        return TaskBatch.EXHAUSTED;
      }
      Effects fx = job.handout(nodeMonitorId, maxTasks, clock.nanoTime());
      perform(job, fx);
      return fx.batch;
    } finally {
      t.stop();
    }
  }

  /** Completion reports (any mix of jobs); reports for unknown or ended jobs are ignored. */
  public void tasksFinished(List<TaskResult> reports) {
    Map<String, List<TaskResult>> byJob = new LinkedHashMap<>();
    for (TaskResult r : reports) {
      if (r != null && r.id() != null && r.id().requestId() != null) {
        byJob.computeIfAbsent(r.id().requestId(), k -> new ArrayList<>()).add(r);
      }
    }
    byJob.forEach((requestId, rs) -> {
      Job job = jobs.get(requestId);
      if (job != null) {
        perform(job, job.finished(rs));
      } else {
        LOG.debug("Ignoring {} results of unknown or ended job {}", rs.size(), requestId);
      }
    });
  }

  /** A node monitor left the membership. */
  public void nodeLeft(String nodeMonitorId) {
    for (Job job : jobs.values()) {
      if (job.involves(nodeMonitorId)) {
        perform(job, job.nodeLeft(nodeMonitorId));
      }
    }
  }

  /** Times out jobs whose deadline passed and forgets old finished jobs; call periodically. */
  public void expireDue() {
    long now = clock.nanoTime();
    Map.Entry<DeadlineKey, Job> e;
    while ((e = deadlines.firstEntry()) != null && e.getKey().nanos() - now <= 0) {
      deadlines.remove(e.getKey());
      Job job = e.getValue();
      perform(job, job.timeOut());
    }
    finishedJobs.expire(now);
  }

  /**
   * The state of a job accepted here.
   *
   * @throws IllegalArgumentException if the id is unknown (or its status is no longer retained)
   */
  public JobStatus status(String requestId) {
    Job job = requestId == null ? null : jobs.get(requestId);
    if (job != null) {
      return job.status();
    }
    JobStatus s = requestId == null ? null : finishedJobs.get(requestId);
    if (s == null) {
      throw new IllegalArgumentException("unknown requestId '" + requestId
          + "' (not submitted to scheduler " + id + ", or its status is no longer retained)");
    }
    return s;
  }

  /** Unregisters the metrics gauges; the owner stops calling the scheduler before. */
  public void close() {
    metrics.close();
  }

  // ---- carrying out effects ---------------------------------------------------------------

  private void onPlan(Job job, ReservationPlan plan, Throwable err, Collection<String> taskIds) {
    try {
      if (err != null) {
        LOG.warn("Placement of job {} failed", job.requestId, err);
        perform(job, job.failUnlaunched(taskIds, "placement failed: " + err));
      } else {
        perform(job, job.apply(plan, clock.nanoTime()));
      }
    } catch (RuntimeException e) {
      LOG.error("Applying the placement of job {} failed", job.requestId, e);
    }
  }

  private void perform(Job job, Effects fx) {
    for (NodeMonitorInfo n : fx.cancels) {
      dispatcher.cancel(n, job.requestId);
    }
    for (long delay : fx.launchDelays) {
      metrics.schedulingDelay.update(delay, TimeUnit.NANOSECONDS);
    }
    metrics.tasksLaunched.mark(fx.launchDelays.size());
    for (TaskResult r : fx.finished) {
      if (r.state() == TaskState.LOST) {
        metrics.tasksLost.mark();
      } else if (r.state() == TaskState.TIMED_OUT) {
        metrics.tasksTimedOut.mark();
      }
      notifyFrontend(job, r);
    }
    if (fx.ended != null) {
      finishedJobs.add(job.status(), clock.nanoTime());
      jobs.remove(job.requestId);
      DeadlineKey key = deadlineOf.remove(job);
      if (key != null) {
        deadlines.remove(key);
      }
      (fx.ended == JobState.SUCCEEDED ? metrics.jobsCompleted : metrics.jobsFailed).mark();
      metrics.jobResponseTime.update(clock.nanoTime() - job.submitNanos, TimeUnit.NANOSECONDS);
      LOG.debug("Job {} ended {}", job.requestId, fx.ended);
    }
    for (Effects.Send send : fx.sends) {
      dispatch(job, send);
    }
    if (!fx.replace.isEmpty()) {
      replace(job, fx.replace);
    }
  }

  private void notifyFrontend(Job job, TaskResult r) {
    if (!job.spec.request().notifyCompletion()) {
      return;
    }
    HostPort frontend = job.spec.frontend() != null ? job.spec.frontend() : frontends.get(job.app());
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
    } else if (accepted != null && accepted < r.count()) {
      metrics.enqueueFailures.mark();
      perform(job, job.enqueueFailed(node.id(), Math.min(unbound, r.count() - accepted), List.of()));
    } else if (departedSincePlacement(job, node)) {
      // It left while the enqueue was on its way, after nodeLeft had already run for this job.
      perform(job, job.nodeLeft(node.id()));
    }
  }

  /** Cheap when membership did not change since the placement: the same snapshot holds the node. */
  private boolean departedSincePlacement(Job job, NodeMonitorInfo node) {
    Map<String, NodeMonitorInfo> now = nodeMonitors.snapshot();
    return now != job.placementSnapshot && !now.containsKey(node.id());
  }

  /** Re-places reservations for tasks that lost theirs, excluding nodes that refused the job. */
  private void replace(Job job, List<Demand> demands) {
    if (!job.isRunning()) {
      return;
    }
    ConstraintFilter.Result filtered = ConstraintFilter.apply(liveNodes(job), demands, job.excluded());
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
      // Probe ratio 1: restore what was lost, do not re-probe.
      stage = PlacementPipeline.place(job.requestId, 1.0, placeable, job.policy(), placementContext);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((outcome, err) -> onPlan(job, outcome == null ? null : outcome.plan(), err, taskIds));
  }

  /** The live node monitors, prepared for filtering; records which snapshot the job placed from. */
  private EligibleNodes liveNodes(Job job) {
    Map<String, NodeMonitorInfo> snapshot = nodeMonitors.snapshot();
    View v = view;
    if (snapshot != v.snapshot) {  // snapshots are immutable: a new one means a change
      v = new View(snapshot, new EligibleNodes(snapshot.values()));
      view = v;
    }
    if (job != null) {
      job.placementSnapshot = snapshot;
    }
    return v.nodes;
  }

  private static String describeUnplaceable(List<Demand> unplaceable, int liveNodes) {
    Demand first = unplaceable.get(0);
    int tasks = unplaceable.stream().mapToInt(d -> d.taskIds().size()).sum();
    String some = first.taskIds().stream().limit(5).map(t -> "'" + t + "'").collect(Collectors.joining(", "));
    return "no node monitor is eligible for " + tasks + " task(s) (" + some
        + (first.taskIds().size() > 5 ? ", ..." : "") + "): none of the " + liveNodes
        + " registered node monitors has " + first.requirement().describe();
  }

  /** Configuration of a {@link Scheduler}. */
  public static final class Builder {
    private String id;
    private HostPort address;
    private String bootId;
    private Membership<NodeMonitorInfo> nodeMonitors;
    private Supplier<ClusterSettings> settings = ClusterSettings::defaults;
    private ReservationDispatcher dispatcher;
    private FrontendNotifier notifier = FrontendNotifier.NONE;
    private PlacementPolicies policies = PlacementPolicies.defaults();
    private LoadProbe loadProbe = LoadProbe.unavailable();
    private Random random = new Random();
    private Clock clock = Clock.system();
    private MetricRegistry metrics = new MetricRegistry();
    private long defaultJobTimeoutMs = 300_000;
    private int maxTasksPerJob = 100_000;
    private int retainedJobs = 1_000;
    private long retainFinishedMs = 600_000;

    private Builder() {}

    /** The scheduler id ("host:port" of its SchedulerService) and that address. */
    public Builder identity(HostPort address) {
      this.address = address;
      this.id = address.toString();
      return this;
    }

    /** Fixes the boot id part of request ids (default: random per scheduler). */
    public Builder bootId(String bootId) {
      this.bootId = bootId;
      return this;
    }

    public Builder nodeMonitors(Membership<NodeMonitorInfo> m) {
      this.nodeMonitors = m;
      return this;
    }

    public Builder settings(Supplier<ClusterSettings> s) {
      this.settings = s;
      return this;
    }

    public Builder dispatcher(ReservationDispatcher d) {
      this.dispatcher = d;
      return this;
    }

    public Builder notifier(FrontendNotifier n) {
      this.notifier = n;
      return this;
    }

    public Builder policies(PlacementPolicies p) {
      this.policies = p;
      return this;
    }

    public Builder loadProbe(LoadProbe p) {
      this.loadProbe = p;
      return this;
    }

    public Builder random(Random r) {
      this.random = r;
      return this;
    }

    public Builder clock(Clock c) {
      this.clock = c;
      return this;
    }

    public Builder metrics(MetricRegistry m) {
      this.metrics = m;
      return this;
    }

    public Builder defaultJobTimeoutMs(long ms) {
      if (ms <= 0) {
        throw new IllegalArgumentException("defaultJobTimeoutMs must be positive");
      }
      this.defaultJobTimeoutMs = ms;
      return this;
    }

    public Builder maxTasksPerJob(int n) {
      if (n <= 0) {
        throw new IllegalArgumentException("maxTasksPerJob must be positive");
      }
      this.maxTasksPerJob = n;
      return this;
    }

    /** How many finished jobs' statuses to keep, and for how long. */
    public Builder retainFinished(int jobs, long ms) {
      if (jobs < 0 || ms < 0) {
        throw new IllegalArgumentException("retention must not be negative");
      }
      this.retainedJobs = jobs;
      this.retainFinishedMs = ms;
      return this;
    }

    public Scheduler build() {
      return new Scheduler(this);
    }
  }
}
