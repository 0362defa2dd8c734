package org.sparrow.scheduler;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.sparrow.common.BootIds;
import org.sparrow.common.Clock;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.HostPort;
import org.sparrow.common.Membership;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.admission.Admission;
import org.sparrow.scheduler.admission.HostPreferences;
import org.sparrow.scheduler.admission.WaitingJobs;
import org.sparrow.scheduler.failure.IdempotencyKeys;
import org.sparrow.scheduler.failure.NodeHealth;
import org.sparrow.scheduler.failure.NodeJobIndex;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.job.HandedOut;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.job.TaskResult;
import org.sparrow.scheduler.placement.EligibleNodes;
import org.sparrow.scheduler.placement.PlacementContext;
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

  private final String id;
  private final HostPort address;
  private final Supplier<ClusterSettings> settings;
  private final FrontendNotifier notifier;
  private final PlacementContext placementContext;
  private final Clock clock;
  private final JobValidator validator;
  private final RequestIds ids;
  private final SchedulerMetrics metrics;
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();
  private final DeadlineIndex deadlines = new DeadlineIndex();
  private final FinishedJobs finishedJobs;
  private final FrontendRegistry frontends = new FrontendRegistry();
  private final LiveNodes liveNodes;
  private final NodeJobIndex<Job> nodeIndex = new NodeJobIndex<>();
  private final EffectRunner runner;
  private final Membership<NodeMonitorInfo> nodeMonitors;
  private final Admission admission;
  private final Admission.Starter core;
  /** The placement view waiting jobs were last tried against from the timer. */
  private volatile EligibleNodes waitedOn;
  private final FailureResponses failures;
  private final SubmitGate gate;
  private final JobControl control;
  private final Submissions submissions;
  private final NodeMonitorReports reports;
  private final LeaseKeeper clientLeases;

  /** Built by {@link SchedulerBuilder#build()}. */
  Scheduler(SchedulerBuilder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.address = Objects.requireNonNull(b.address, "address");
    this.nodeMonitors = Objects.requireNonNull(b.nodeMonitors, "nodeMonitors");
    this.settings = b.settings;
    ReservationDispatcher dispatcher = Objects.requireNonNull(b.dispatcher, "dispatcher");
    this.notifier = b.notifier;
    this.placementContext = new PlacementContext(b.random, b.loadProbe);
    this.clock = b.clock;
    this.validator = new JobValidator(b.policies, b.maxTasksPerJob, b.defaultJobTimeoutMs);
    this.ids = new RequestIds(id, b.bootId != null ? b.bootId : RequestIds.randomBootId());
    this.finishedJobs = new FinishedJobs(b.retainedJobs, b.retainFinishedMs);
    NodeHealth health = new NodeHealth(b.failuresToSuspect);
    this.liveNodes = new LiveNodes(nodeMonitors, health::excluded);
    this.metrics = new SchedulerMetrics(b.metrics, jobs::size, liveNodes::size);
    this.failures = new FailureResponses(nodeIndex, health, nodeMonitors, dispatcher, clock, metrics, jobs);
    this.runner = new EffectRunner(dispatcher, notifier, frontends, liveNodes, placementContext, metrics,
        clock, new EffectRunner.Books(jobs, deadlines, finishedJobs, nodeIndex), failures, b.replacementSpread,
        b.retriesFirst);
    if (!b.retriesFirst) {
      LOG.info("Retried tasks' reservations are not marked to go first (sparrow.scheduler.retriesFirst=false)");
    }
    failures.runner(runner);
    this.admission = new Admission(new HostPreferences(b.hostResolver, clock, b.hostCacheMs),
        new WaitingJobs(b.maxWaitingJobs, b.maxWaitingTasks), clock);
    this.control = new JobControl(jobs, finishedJobs, runner, dispatcher, clock);
    AnswerHolds holds = new AnswerHolds();
    this.core = new JobStarter(ids, nodeMonitors, validator, settings, frontends, address, liveNodes,
        metrics, placementContext, new EffectRunner.Books(jobs, deadlines, finishedJobs, nodeIndex),
        runner, clock, holds);
    this.gate = new SubmitGate(new IdempotencyKeys(Math.max(10_000, 10 * b.retainedJobs)), clock, metrics,
        b.retainFinishedMs);
    this.submissions = new Submissions(gate, admission, core, holds, metrics, b.defaultJobTimeoutMs);
    this.reports = new NodeMonitorReports(jobs, failures, runner, metrics, clock, ids.bootId());
    this.clientLeases = new LeaseKeeper(address, notifier, clock, metrics, jobs, finishedJobs, admission,
        control, gate);
  }

  public static SchedulerBuilder builder() {
    return new SchedulerBuilder();
  }

  /** "host:port" of the SchedulerService. */
  public String id() {
    return id;
  }

  /** This incarnation (the middle of its request ids), which its reservations carry. */
  public String bootId() {
    return ids.bootId();
  }

  /** The SchedulerService address put into every task id. */
  public HostPort address() {
    return address;
  }

  /** This scheduler's wall clock: the clock submit deadlines are written in. */
  public long currentTimeMillis() {
    return clock.currentTimeMillis();
  }

  /** Jobs not yet ended, including those waiting for a node monitor that can run them. */
  public int activeJobs() {
    return jobs.size() + admission.waiting().size();
  }

  // ---- frontends --------------------------------------------------------------------------

  /** Remembers where the app's frontend listens (a later registration replaces it). */
  public void registerFrontend(String app, HostPort frontend) {
    frontends.register(app, frontend);
  }

  /** The original relay: passes a backend's message to the frontend registered for the app. */
  public void relay(String app, FullTaskId taskId, int status, byte[] message) {
    HostPort frontend = frontends.get(app);
    if (frontend == null) {
      LOG.warn("No frontend registered for app {}; dropping a message about task {}", app, taskId);
      return;
    }
    notifier.relay(frontend, taskId, status, message);
  }

  // ---- jobs -------------------------------------------------------------------------------

  /**
   * Accepts a job and places its reservations, or lets it wait for a node monitor that can run
   * it (see {@link Admission}). Returns its request id; a request whose idempotency key was
   * accepted before gets that job's id.
   *
   * @throws IllegalArgumentException naming what is wrong; nothing was accepted then
   * @throws SubmitRefusedException draining, or past its submit deadline: try another scheduler
   */
  public String submit(JobRequest request) {
    Acceptance a = accept(request);
    a.sent(true);  // in-process: the answer is the return value
    return a.requestId();
  }

  /**
   * {@link #submit} for an adapter that writes the answer to a client: the job's reservations
   * are held until {@link Acceptance#sent} says whether the answer went out in time (a job whose
   * request has a submit deadline and whose answer was not written before it is dropped unrun:
   * its client sends it elsewhere).
   *
   * @throws IllegalArgumentException naming what is wrong; nothing was accepted then
   * @throws SubmitRefusedException draining, or past its submit deadline: try another scheduler
   */
  public Acceptance accept(JobRequest request) {
    return accept(request, false);
  }

  /**
   * {@link #accept} for the original Sparrow's {@code submitJob}, which is also admitted while
   * this scheduler drains: an original frontend knows one scheduler and cannot go elsewhere, and
   * every exception costs it one of its pooled connections for good. Such a job runs like any
   * other active job, within the drain timeout.
   */
  public Acceptance acceptOriginal(JobRequest request) {
    return accept(request, true);
  }

  private Acceptance accept(JobRequest request, boolean whileDraining) {
    Acceptance a = submissions.accept(Objects.requireNonNull(request, "request"), whileDraining);
    clientLeases.accepted(a.requestId(), request);
    return a;
  }

  /**
   * Tells the frontends of jobs with a client lease that this scheduler is alive (each at most
   * once per second); one reached renews its jobs' leases from the moment the heartbeat was
   * sent. Call periodically.
   */
  public void heartbeatFrontends() {
    clientLeases.heartbeat();
  }

  /** Membership changed (a node monitor joined, or its backends changed): waiting jobs may start. */
  public void membershipChanged() {
    admission.membershipChanged(core);
  }

  /**
   * Drain: new jobs are refused from now on; active ones go on. The owner waits until
   * {@link #activeJobs()} is 0, then deregisters.
   */
  public void drain() {
    gate.drain();
  }

  public boolean draining() {
    return gate.draining();
  }

  /** Late binding: a node monitor with a free slot asks for up to {@code maxTasks} tasks. */
  public TaskBatch getTasks(String requestId, String nodeMonitorId, int maxTasks) {
    return getTasks(requestId, nodeMonitorId, "", maxTasks);
  }

  /**
   * getTasks from incarnation {@code bootId} of the node monitor ("" = unknown); a request of an
   * old incarnation (restarted since its reservation was placed) gets nothing.
   */
  public TaskBatch getTasks(String requestId, String nodeMonitorId, String bootId, int maxTasks) {
    return getTasks(requestId, nodeMonitorId, bootId, "", maxTasks);
  }

  /**
   * getTasks for a reservation placed by scheduler incarnation {@code schedulerBootId} ("" =
   * unknown): one placed by an earlier process on this address gets nothing, and the node
   * monitor, told the request is exhausted, drops it. Neither side counts that as a failure.
   */
  public TaskBatch getTasks(String requestId, String nodeMonitorId, String bootId, String schedulerBootId,
      int maxTasks) {
    return reports.getTasks(requestId, nodeMonitorId, bootId, schedulerBootId, maxTasks);
  }

  /**
   * A getTasks answer handing the node monitor {@code tasks} never reached it: runs still launched
   * there from it are lost (retried or ended LOST as each job's retry policy says).
   */
  public void answerLost(String nodeMonitorId, List<HandedOut> tasks) {
    reports.answerLost(nodeMonitorId, tasks);
  }

  /** Completion reports (any mix of jobs); reports for unknown or ended jobs are ignored. */
  public void tasksFinished(List<TaskResult> reports) {
    tasksFinished(reports, "");
  }

  /**
   * Reports sent by incarnation {@code bootId} of a node monitor ("" = unknown); those about work
   * placed on another incarnation of it are ignored.
   */
  public void tasksFinished(List<TaskResult> reports, String bootId) {
    tasksFinished(reports, bootId, "");
  }

  /**
   * Reports about tasks placed by scheduler incarnation {@code schedulerBootId} ("" = unknown):
   * those of an earlier process on this address are ignored, whatever their request ids say.
   */
  public void tasksFinished(List<TaskResult> reports, String bootId, String schedulerBootId) {
    this.reports.tasksFinished(reports, bootId, schedulerBootId);
  }

  /** A node monitor left the membership: its tasks are retried or LOST, its reservations re-placed. */
  public void nodeLeft(String nodeMonitorId) {
    failures.nodeLeft(nodeMonitorId);
  }

  /**
   * ZooKeeper no longer lists this node monitor: once a ping confirms no process answers (or
   * another incarnation does), its work is retried or LOST. Daemons call this; {@link #nodeLeft}
   * acts at once.
   */
  public void nodeDeparted(NodeMonitorInfo member) {
    failures.nodeDeparted(member);
  }

  /** Membership lists this node monitor (added or updated): work on an older incarnation of it is lost. */
  public void nodeSeen(NodeMonitorInfo member) {
    failures.incarnationSeen(member.id(), member.bootId());
  }

  /**
   * A node monitor dropped these requests' reservations unrun (it is draining): they are placed
   * on other node monitors, never on that one again for those jobs.
   */
  public void reservationsReturned(String nodeMonitorId, List<String> requestIds) {
    reservationsReturned(nodeMonitorId, requestIds, "");
  }

  /**
   * Reservations placed by scheduler incarnation {@code schedulerBootId} ("" = unknown) handed
   * back: those an earlier process on this address placed are not re-placed (they are not this
   * process's, whatever their request ids say), but the node monitor drains all the same.
   */
  public void reservationsReturned(String nodeMonitorId, List<String> requestIds, String schedulerBootId) {
    if (nodeMonitorId == null || requestIds == null) {
      return;
    }
    if (BootIds.matches(schedulerBootId, bootId())) {
      failures.reservationsReturned(nodeMonitorId, requestIds);
    } else {
      metrics.reservationsReturnedOtherIncarnation.mark(requestIds.size());
      failures.nodeDraining(nodeMonitorId, "");
    }
  }

  /**
   * The node monitor (incarnation {@code bootId}, "" = unknown) drains: it is left out of
   * sampling for every job at once, not only once it deregisters.
   */
  public void nodeDraining(String nodeMonitorId, String bootId) {
    if (nodeMonitorId != null) {
      failures.nodeDraining(nodeMonitorId, bootId);
    }
  }

  /**
   * Pings the node monitors holding this scheduler's reservations or tasks; one that refuses or
   * fails repeatedly becomes suspect and its tasks are retried elsewhere. Call periodically.
   */
  public void checkLiveness() {
    failures.checkLiveness();
  }

  /** Times out jobs whose deadline passed and forgets old finished jobs; call periodically. */
  public void expireDue() {
    long now = clock.nanoTime();
    clientLeases.expire(now);
    for (Job job : deadlines.takeDue(now)) {
      runner.perform(job, job.timeOut());
    }
    admission.expireDue(now, core);
    if (!admission.waiting().isEmpty()) {
      // Suspects clearing (no membership event) can also let waiting jobs start.
      EligibleNodes view = liveNodes.forPlacement(null);
      if (view != waitedOn) {
        waitedOn = view;
        admission.membershipChanged(core);
      }
    }
    finishedJobs.expire(now);
    gate.expire(now);
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
    JobStatus s = requestId == null ? null : admission.status(requestId);
    s = s != null || requestId == null ? s : finishedJobs.get(requestId);
    if (s == null) {
      throw new IllegalArgumentException("unknown requestId '" + requestId
          + "' (not submitted to scheduler " + id + ", or its status is no longer retained)");
    }
    return s;
  }

  /** The jobs running here now, oldest first. */
  public List<JobSummary> jobs() {
    return control.list();
  }

  /**
   * Cancels a job accepted here: it ends CANCELLED at once and node monitors are asked to stop
   * its running tasks; the stage completes once they answered (bounded by their RPC timeout).
   *
   * @throws IllegalArgumentException if the id is unknown (or its status is no longer retained)
   */
  public CompletionStage<CancelReport> cancel(String requestId) {
    return control.cancel(requestId);
  }

  /** Unregisters the metrics gauges; the owner stops calling the scheduler before. */
  public void close() {
    metrics.close();
  }
}
