package org.sparrow.sim;

import com.codahale.metrics.NoopMetricRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.HostPort;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.nodemonitor.NodeMonitorConfig;
import org.sparrow.nodemonitor.NodeMonitorCore;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.queue.QueueConfig;
import org.sparrow.nodemonitor.queue.QueuePolicies;
import org.sparrow.nodemonitor.queue.ReservationQueue;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.ReservationDispatcher;
import org.sparrow.scheduler.Scheduler;
import org.sparrow.scheduler.SchedulerConfig;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.common.UserInfo;
import org.sparrow.common.LoadProbe;
import org.sparrow.scheduler.placement.PlacementPolicies;

/**
 * One trace on one simulated cluster: the daemons' own {@link Scheduler} and
 * {@link NodeMonitorCore} classes, wired to each other through a {@link SimNetwork} instead of
 * Thrift, on a {@link SimClock} instead of the system clock. Every RPC the daemons make
 * (enqueueReservations, cancelReservations, getLoad, getTasks, tasksFinished) becomes a message
 * with the one-way delay; running a task means waiting its duration.
 *
 * <p>A job's response time is from its arrival at its scheduler until its last task ends, the
 * same definition the {@link Omniscient} reference uses.
 */
final class ClusterSimulation {

  static final String APP = "sim";
  private static final int SCHEDULER_PORT = 20503;
  private static final int SCHEDULER_INTERNAL_PORT = 20507;
  private static final long JOB_TIMEOUT_MS = 86_400_000L;

  private final Simulation sim = new Simulation();
  private final SimNetwork net;
  private final SimConfig config;
  private final String policy;
  private final boolean cancellation;
  private final Map<String, NodeMonitorCore> nodeMonitors = new HashMap<>();
  private final List<Scheduler> schedulers = new ArrayList<>();
  private final Map<HostPort, Scheduler> byInternalAddress = new HashMap<>();
  /** getTasks calls per scheduler incarnation they named. */
  private final Map<String, Long> fetchesByBootId = new HashMap<>();
  /** The first getTasks that named no simulated scheduler's address (the core swallows the throw). */
  private IllegalStateException misaddressed;
  private final Map<String, JobProgress> running = new HashMap<>();
  /** The node monitors' settings the simulation models (slots, queue policy), as a daemon's. */
  private final NodeMonitorConfig nodeMonitorConfig;
  private final Supplier<ReservationQueue> queues;
  private final Function<SimJob, UserInfo> userOf;
  private long[] response;
  /** Every task end, as (job index, time): per-user throughput over time. */
  private final List<long[]> taskEnds = new ArrayList<>();
  private boolean recordTaskEnds;
  private TaskEndListener endListener = TaskEndListener.NONE;
  /** Jobs a user may have unfinished before its next arrival is dropped (bench's --max-outstanding, per user). */
  private int maxOutstandingPerUser = Integer.MAX_VALUE;
  private final Map<String, Integer> outstanding = new HashMap<>();
  private long dropped;
  private long suspensions;
  private int unfinished;

  /** A submitted job's tasks still running or waiting. */
  private static final class JobProgress {
    final int index;
    final long arrivalNanos;
    final String user;
    int remaining;

    JobProgress(int index, long arrivalNanos, int tasks, String user) {
      this.index = index;
      this.arrivalNanos = arrivalNanos;
      this.remaining = tasks;
      this.user = user;
    }
  }

  /**
   * @param policy       the scheduler placement policy name, as jobs request it
   * @param cancellation whether schedulers' proactive cancellations reach node monitors; without
   *                     them, leftover reservations are dropped only when a node monitor asks
   *                     for a task and hears the job is exhausted
   */
  ClusterSimulation(SimConfig config, String policy, boolean cancellation, PlacementPolicies policies) {
    this(config, policy, cancellation, policies, null, QueueConfig.DEFAULTS, job -> null);
  }

  /**
   * @param queuePolicy every node monitor's queue policy (as its {@code --queue-policy}); null:
   *                    the cluster default, fifo
   * @param queueConfig the weights, as the cluster settings give them
   * @param userOf      who each job runs for (user name and priority; null: anonymous)
   */
  ClusterSimulation(SimConfig config, String policy, boolean cancellation, PlacementPolicies policies,
      String queuePolicy, QueueConfig queueConfig, Function<SimJob, UserInfo> userOf) {
    QueuePolicies queuePolicies = QueuePolicies.defaults();
    this.nodeMonitorConfig = nodeMonitorConfig(config, queuePolicy).checkedAgainst(queuePolicies);
    String queueName = queuePolicy != null ? queuePolicy : QueuePolicies.DEFAULT;
    this.queues = () -> queuePolicies.create(queueName, queueConfig);
    this.userOf = userOf;
    this.config = config;
    this.policy = policy;
    this.cancellation = cancellation;
    this.net = new SimNetwork(sim, config.networkDelayNanos());
    List<NodeMonitorInfo> infos = new ArrayList<>(config.workers());
    for (int i = 0; i < config.workers(); i++) {
      String id = String.format("nm-%05d", i);
      NodeMonitorInfo info = new NodeMonitorInfo(id, id, 20502, 20501, nodeMonitorConfig.slots(), Map.of(), Set.of(),
          false);
      infos.add(info);
      nodeMonitors.put(id, nodeMonitor(info));
    }
    FixedMembership membership = new FixedMembership(infos);
    ClusterSettings settings = new ClusterSettings(config.probeRatio(), policy);
    LoadProbe probe = node -> net.call(() -> CompletableFuture.completedFuture(
        nodeMonitors.get(node.id()).load()));
    SchedulerConfig schedulerConfig = schedulerConfig();
    for (int i = 0; i < config.schedulers(); i++) {
      String host = "scheduler-" + i;
      HostPort internal = new HostPort(host, SCHEDULER_INTERNAL_PORT);
      // Fixed rather than random like a daemon's (BootIds.random): nothing restarts in a
      // simulation, and a seeded run must give the same job ids and figures every time.
      String bootId = "sim" + i;
      Scheduler s = schedulerConfig.schedulerBuilder()
          .identity(new HostPort(host, SCHEDULER_PORT))
          .bootId(bootId)
          .nodeMonitors(membership)
          .settings(() -> settings)
          .dispatcher(new Dispatcher(internal, bootId))
          .policies(policies)
          .loadProbe(probe)
          .random(new Random(config.seed() * 1_000_003L + i))
          .clock(sim.clock())
          // Nobody reads a simulated scheduler's timers, and their decaying reservoirs (a skip list
          // per update) cost about a tenth of a queue experiment's CPU.
          .metrics(new NoopMetricRegistry())
          .build();
      schedulers.add(s);
      byInternalAddress.put(internal, s);
    }
  }

  /** What a simulated node monitor is configured with: the slots of the simulated cluster and its queue policy. */
  static NodeMonitorConfig nodeMonitorConfig(SimConfig config, String queuePolicy) {
    return NodeMonitorConfig.builder().slots(config.slotsPerWorker()).queuePolicy(queuePolicy).build();
  }

  /**
   * What a simulated scheduler is configured with: jobs never time out (a simulated day) and no
   * finished job's status is kept (nobody asks for it; it would only cost memory).
   */
  static SchedulerConfig schedulerConfig() {
    return SchedulerConfig.builder().defaultJobTimeoutMs(JOB_TIMEOUT_MS).retainedJobs(0).retainFinishedMs(0).build();
  }

  /** Replays the trace to the end; each job's response time by index. */
  SimPolicy.Outcome run(Trace trace) {
    response = new long[trace.size()];
    unfinished = trace.size();
    for (SimJob job : trace.jobs()) {
      sim.at(job.arrivalNanos(), () -> submit(job));
    }
    sim.run();
    if (misaddressed != null) {
      throw new IllegalStateException("simulation of " + policy + ": " + misaddressed.getMessage(), misaddressed);
    }
    if (unfinished != 0) {
      throw new IllegalStateException("simulation of " + policy + " ended with " + unfinished
          + " of " + trace.size() + " jobs unfinished");
    }
    int active = schedulers.stream().mapToInt(Scheduler::activeJobs).sum();
    if (active != 0) {
      throw new IllegalStateException("simulation of " + policy + " ended with " + active
          + " jobs still active in schedulers although all their tasks ran");
    }
    return new SimPolicy.Outcome(response, sim.processed());
  }

  private void submit(SimJob job) {
    UserInfo user = userOf.apply(job);
    String userName = user == null ? "" : user.user();
    int mine = outstanding.getOrDefault(userName, 0);
    if (mine >= maxOutstandingPerUser) {
      response[job.index()] = -1;
      unfinished--;
      dropped++;
      return;
    }
    outstanding.put(userName, mine + 1);
    List<TaskRequest> tasks = new ArrayList<>(job.tasks());
    for (int k = 0; k < job.tasks(); k++) {
      tasks.add(TaskRequest.of("t" + k, "noop", SimConversions.encodeDuration(job.taskNanos()[k])));
    }
    JobRequest request = new JobRequest(APP, tasks, user, null, config.probeRatio(), false, null, policy, null, null);
    Scheduler scheduler = schedulers.get(job.index() % schedulers.size());
    JobProgress progress = new JobProgress(job.index(), sim.now(), job.tasks(), userName);
    // Registered before submit: a policy may launch tasks synchronously within it.
    String requestId = scheduler.submit(request);
    running.put(requestId, progress);
  }

  private NodeMonitorCore nodeMonitor(NodeMonitorInfo info) {
    return nodeMonitorConfig.coreBuilder(sim.clock())
        .queue(queues.get())
        .fetcher((reservation, maxTasks) -> {
          Scheduler s = placedBy(reservation);
          // The scheduler judges the incarnation the reservation names, as a daemon's does.
          return net.call(() -> CompletableFuture.completedFuture(SimConversions.toNodeMonitor(
              s.getTasks(reservation.requestId(), reservation.nodeMonitorId(), "",
                  reservation.schedulerBootId(), maxTasks))));
        })
        .launcher(new SuspendableLauncher())
        .sink((scheduler, result) -> net.send(() -> byInternalAddress.get(scheduler)
            .tasksFinished(List.of(SimConversions.toScheduler(result)), "", result.schedulerBootId())))
        .build();
  }


  /**
   * The scheduler at the reservation's address, whichever incarnation it names: that scheduler
   * refuses another one itself. The count by named incarnation shows a boot id the simulated wire
   * lost (then "", which any incarnation accepts).
   */
  private Scheduler placedBy(org.sparrow.nodemonitor.reservation.Reservation reservation) {
    Scheduler s = byInternalAddress.get(reservation.schedulerAddress());
    if (s == null) {
      throw misaddressed("reservation " + reservation.requestId() + " names "
          + reservation.schedulerAddress() + ", which is no simulated scheduler");
    }
    fetchesByBootId.merge(reservation.schedulerBootId(), 1L, Long::sum);
    return s;
  }

  private IllegalStateException misaddressed(String message) {
    IllegalStateException e = new IllegalStateException(message);
    if (misaddressed == null) {
      misaddressed = e;
    }
    return e;
  }

  /** The getTasks calls so far, per scheduler incarnation they named ("" = none). */
  Map<String, Long> fetchesByBootId() {
    return Map.copyOf(fetchesByBootId);
  }

  /**
   * Runs a task by waiting its duration; can suspend it (preemption by the core's own decision
   * in NodeMonitorCore/SlotHolders) and resume it later with its remaining time. A suspended
   * task's pending end event is made stale by a generation count instead of being removed.
   */
  private final class SuspendableLauncher implements org.sparrow.nodemonitor.launch.TaskLauncher {
    private final Map<org.sparrow.nodemonitor.reservation.TaskId, Running> tasks = new HashMap<>();

    private final class Running {
      final CompletableFuture<TaskOutcome> done = new CompletableFuture<>();
      final String requestId;
      long remaining;
      long startedAt;
      int generation;
      boolean suspended;

      Running(String requestId, long remaining) {
        this.requestId = requestId;
        this.remaining = remaining;
      }
    }

    @Override
    public CompletionStage<TaskOutcome> launch(org.sparrow.nodemonitor.reservation.TaskLaunch task) {
      Running r = new Running(task.taskId().requestId(), SimConversions.decodeDuration(task.message()));
      tasks.put(task.taskId(), r);
      schedule(task.taskId(), r);
      return r.done;
    }

    private void schedule(org.sparrow.nodemonitor.reservation.TaskId id, Running r) {
      r.startedAt = sim.now();
      int gen = ++r.generation;
      sim.after(r.remaining, () -> {
        if (r.generation != gen || r.suspended) {
          return;  // suspended meanwhile: its resume schedules a new end
        }
        tasks.remove(id);
        taskEnded(r.requestId);
        r.done.complete(TaskOutcome.succeeded());
      });
    }

    @Override
    public boolean canSuspend(org.sparrow.nodemonitor.reservation.TaskLaunch task) {
      return true;
    }

    @Override
    public void suspend(org.sparrow.nodemonitor.reservation.TaskId id) {
      Running r = tasks.get(id);
      if (r == null || r.suspended) {
        return;
      }
      r.remaining = Math.max(0, r.remaining - (sim.now() - r.startedAt));
      r.suspended = true;
      r.generation++;
      suspensions++;
    }

    @Override
    public void resume(org.sparrow.nodemonitor.reservation.TaskId id) {
      Running r = tasks.get(id);
      if (r == null || !r.suspended) {
        return;
      }
      r.suspended = false;
      schedule(id, r);
    }
  }

  /** Tasks suspended by the node monitors' preemption so far. */
  long suspensions() {
    return suspensions;
  }

  private void taskEnded(String requestId) {
    JobProgress p = running.get(requestId);
    if (p == null) {
      throw new IllegalStateException("a task of unknown job " + requestId + " ended");
    }
    if (recordTaskEnds) {
      taskEnds.add(new long[] {p.index, sim.now()});
    }
    endListener.ended(p.index, sim.now());
    if (--p.remaining == 0) {
      response[p.index] = sim.now() - p.arrivalNanos;
      running.remove(requestId);
      outstanding.merge(p.user, -1, Integer::sum);
      unfinished--;
    }
  }

  /** Records every task end for {@link #taskEnds()} (memory: two longs per task). */
  ClusterSimulation recordTaskEnds() {
    recordTaskEnds = true;
    return this;
  }

  /**
   * Drops a job on arrival (response -1, never submitted) while its user already has {@code cap}
   * unfinished jobs, as {@code bench --max-outstanding} does for one generator per user: an
   * overloaded user then keeps a bounded backlog instead of an ever-growing one.
   */
  ClusterSimulation maxOutstandingPerUser(int cap) {
    if (cap < 1) {
      throw new IllegalArgumentException("the outstanding-jobs cap must be at least 1, got " + cap);
    }
    maxOutstandingPerUser = cap;
    return this;
  }

  /** Jobs dropped on arrival by {@link #maxOutstandingPerUser}. */
  long dropped() {
    return dropped;
  }

  /** Tells {@code listener} of every task end as it happens. */
  ClusterSimulation onTaskEnd(TaskEndListener listener) {
    endListener = listener;
    return this;
  }

  /** (job index, end time) of every task, in time order; after {@link #run}. */
  List<long[]> taskEnds() {
    return taskEnds;
  }

  /** enqueueReservations / cancelReservations over the simulated network. */
  private final class Dispatcher implements ReservationDispatcher {
    private final HostPort scheduler;
    private final String bootId;

    Dispatcher(HostPort schedulerInternalAddress, String bootId) {
      this.scheduler = schedulerInternalAddress;
      this.bootId = bootId;
    }

    @Override
    public CompletionStage<Integer> enqueue(NodeMonitorInfo node, org.sparrow.scheduler.Reservation reservation) {
      NodeMonitorCore core = nodeMonitors.get(node.id());
      return net.call(() -> CompletableFuture.completedFuture(core.enqueue(List.of(
          SimConversions.toNodeMonitor(reservation, scheduler, bootId, node.id()))).acceptedSlots()));
    }

    @Override
    public void cancel(NodeMonitorInfo node, String requestId) {
      if (cancellation) {
        NodeMonitorCore core = nodeMonitors.get(node.id());
        net.send(() -> core.cancel(List.of(requestId)));
      }
    }
  }
}
