package org.sparrow.nodemonitor;

import org.sparrow.common.TaskState;

import org.sparrow.common.NodeLoad;
import org.sparrow.common.UserLoad;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.sparrow.common.Clock;
import org.sparrow.nodemonitor.queue.FifoReservationQueue;
import org.sparrow.nodemonitor.queue.QueuedReservation;
import org.sparrow.nodemonitor.queue.ReleaseReason;
import org.sparrow.nodemonitor.queue.ReservationQueue;
import org.sparrow.nodemonitor.queue.SlotClaim;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node monitor's state machine: a reservation queue feeding a fixed number of slots.
 *
 * <p>When a slot is free and the queue is not empty, the head reservation's slots are claimed:
 * bound tasks are launched at once; otherwise the scheduler is asked for up to as many tasks
 * as slots were claimed (the claimed slots are not free while the fetch is in flight). Fetched
 * tasks each take one claimed slot; unused claimed slots return to the free pool. An exhausted
 * or empty answer, or a failed fetch, drops the request's other reservations here.
 *
 * <p>Every slot the queue hands out is given back to it exactly once ({@link
 * ReservationQueue#released}): when its task ends, when a fetch brings no task for it, or when
 * its task is refused. The queue can be replaced while running ({@link #replaceQueue}).
 *
 * <p><b>Preemption</b> (queues whose {@link ReservationQueue#preempts} is true): when no slot is
 * free and the queue's next reservation has a higher priority than a running task the launcher
 * can suspend ({@link TaskLauncher#canSuspend}), the youngest running task of the lowest such
 * priority is suspended and its slot serves the queue; when a slot frees, suspended tasks resume
 * (highest priority first) before queued reservations of their priority or lower. No work is
 * lost and schedulers see nothing: a suspended task still holds its reservation's slot in the
 * queue's accounting and ends, and is reported, once.
 *
 * <p>No threads, sockets or blocking here: every method takes the lock briefly, decides, and
 * then performs the resulting actions (fetch, launch, report) outside the lock through the
 * injected {@link TaskFetcher}, {@link TaskLauncher} and {@link CompletionSink}, whose
 * completions call back in. The simulator drives this same class on simulated time.
 *
 * <p>{@link #drain()} stops taking reservations: queued late-binding reservations go back to
 * their schedulers through the {@link ReservationReturner}, bound ones (their tasks are already
 * committed to this node) still run, as do fetches in flight; the returned stage completes when
 * nothing is queued, fetched or running any more.
 */
public final class NodeMonitorCore {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitorCore.class);

  public static final java.time.Duration DEFAULT_SLOW_SCHEDULER_BACKOFF =
      java.time.Duration.ofSeconds(5);

  private final int slots;
  private ReservationQueue queue;  // guarded by this; replaced at a live policy change
  private final CancellationTombstones tombstones;
  private final Clock clock;
  private final TaskFetcher fetcher;
  private final TaskLauncher launcher;
  private final CompletionSink sink;
  private final ReservationReturner returner;
  private final ActionRunner actions = new ActionRunner();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final SlowSchedulers slow;

  // Guarded by this.
  private int fetching;
  private long completed;
  private long failed;
  private long sequence;
  private boolean closed;
  private boolean draining;
  /** Slots handed out by the queue and not yet released, per entry (to carry over on replace). */
  private final Map<QueuedReservation, Integer> inUse = new IdentityHashMap<>();
  /** Tasks running or suspended, and the preemption choices among them. */
  private final SlotHolders holders = new SlotHolders();

  private NodeMonitorCore(Builder b) {
    if (b.slots <= 0) {
      throw new IllegalArgumentException("slots must be at least 1, got " + b.slots);
    }
    this.slots = b.slots;
    this.clock = b.clock;
    this.queue = b.queue != null ? b.queue : new FifoReservationQueue();
    this.tombstones = b.tombstones != null ? b.tombstones : new CancellationTombstones(clock);
    this.fetcher = Objects.requireNonNull(b.fetcher, "fetcher");
    this.launcher = Objects.requireNonNull(b.launcher, "launcher");
    this.sink = Objects.requireNonNull(b.sink, "sink");
    this.returner = Objects.requireNonNull(b.returner, "returner");
    this.slow = new SlowSchedulers(b.slowSchedulerBackoff.toNanos());
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Queues reservations (all of them, or none if the list holds a null); reservations of
   * recently cancelled requests are discarded. Free slots start serving at once.
   */
  public EnqueueOutcome enqueue(List<Reservation> reservations) {
    Objects.requireNonNull(reservations, "reservations");
    for (int i = 0; i < reservations.size(); i++) {
      if (reservations.get(i) == null) {
        throw new IllegalArgumentException("reservation " + i + " is null");
      }
    }
    int accepted = 0;
    int[] acceptedEach = new int[reservations.size()];
    int queued;
    List<Runnable> todo;
    synchronized (this) {
      if (closed) {
        throw new IllegalStateException("node monitor is closed");
      }
      if (draining) {
        // Refused, not failed: each scheduler re-places what this node does not take.
        return new EnqueueOutcome(0, queue.size(), acceptedEach);
      }
      long now = clock.nanoTime();
      for (int i = 0; i < acceptedEach.length; i++) {
        Reservation r = reservations.get(i);
        if (tombstones.contains(r.requestId())) {
          LOG.debug("Discarding reservation of cancelled request {}", r.requestId());
          continue;
        }
        queue.offer(new QueuedReservation(r, now, sequence++));
        acceptedEach[i] = r.count();
        accepted += r.count();
      }
      todo = dispatchLocked();
      queued = queue.size();
    }
    actions.run(todo);
    return new EnqueueOutcome(accepted, queued, acceptedEach);
  }

  /**
   * Removes the queued (not running, not being fetched) reservations of these requests and
   * remembers the ids for a while, so an enqueue that arrives later is discarded. Idempotent.
   *
   * @return reservation slots removed
   */
  public synchronized int cancel(Collection<String> requestIds) {
    int removed = 0;
    for (String id : requestIds) {
      if (id == null || id.isEmpty()) {
        continue;
      }
      tombstones.add(id);
      removed += queue.removeRequest(id);
    }
    if (removed > 0) {
      LOG.debug("Cancelled {} reservation slots of {}", removed, requestIds);
    }
    return removed;
  }

  /**
   * Their jobs were cancelled: asks the launcher to stop these tasks (outside the lock; each still
   * ends through its launch stage, frees its slot and is reported, and the scheduler ignores the
   * report). One outcome per task, in order.
   */
  public List<StopOutcome> stop(List<TaskId> tasks) {
    List<StopOutcome> out = new ArrayList<>(tasks.size());
    for (TaskId task : tasks) {
      out.add(task == null ? StopOutcome.NOT_RUNNING : launcher.stop(task));
    }
    return out;
  }

  /** Tasks suspended now to give their slot to higher-priority work (not counted as running). */
  public synchronized int suspendedTasks() {
    return holders.suspended();
  }

  /** Tasks suspended so far (each suspension counts once). */
  public synchronized long preemptions() {
    return holders.preemptions();
  }

  public synchronized NodeLoad load() {
    return new NodeLoad(slots, holders.running(), fetching, queue.size(), completed, failed, Map.of(),
        holders.suspended(), holders.preemptions());
  }

  /** Queued slots and running tasks per user name (users with neither are absent). */
  public synchronized Map<String, UserLoad> userLoads() {
    Map<String, UserLoad> out = new HashMap<>();
    queue.queuedByUser().forEach((u, n) -> out.put(u, new UserLoad(n, 0)));
    holders.runningByUser().forEach((u, n) -> out.merge(u, new UserLoad(0, n),
        (a, b) -> new UserLoad(a.queued(), b.running())));
    return out;
  }

  /**
   * Moves every queued reservation (with its place: arrival order) and the accounting of slots
   * in use into {@code next}, which serves from now on. Work running or being fetched is not
   * disturbed. A live policy or weight change.
   */
  public void replaceQueue(ReservationQueue next) {
    Objects.requireNonNull(next, "next");
    List<Runnable> todo;
    synchronized (this) {
      if (next == queue) {
        return;
      }
      List<QueuedReservation> queued = new ArrayList<>(queue.removeAll());
      queued.sort(Comparator.comparingLong(QueuedReservation::sequence));
      queued.forEach(next::offer);
      inUse.forEach(next::adopt);
      LOG.info("Queue policy {} replaced by {} ({} queued slots moved)", queue.policy(),
          next.policy(), next.size());
      queue = next;
      todo = dispatchLocked();
    }
    actions.run(todo);
  }

  public int slots() {
    return slots;
  }

  public synchronized String queuePolicy() {
    return queue.policy();
  }

  /**
   * Starts draining (idempotent): from now on enqueues take nothing; queued late-binding
   * reservations are handed back to their schedulers, one call per scheduler; bound ones and
   * fetches in flight still run.
   *
   * @return completes once nothing is queued, being fetched or running
   */
  public CompletionStage<Void> drain() {
    List<Runnable> todo = new ArrayList<>();
    synchronized (this) {
      if (!draining) {
        draining = true;
        DrainReturns plan = DrainReturns.of(queue.removeAll());
        plan.kept().forEach(queue::offer);
        LOG.info("Draining: handing {} queued reservation slots back to {} schedulers; {} "
            + "tasks running, {} slots fetching", plan.slotsReturned(), plan.returned().size(),
            holders.running(), fetching);
        plan.returned().forEach((scheduler, byId) -> byId.forEach((nodeMonitorId, requestIds) ->
            todo.add(() -> returner.returned(scheduler, nodeMonitorId, requestIds))));
        todo.addAll(dispatchLocked());
        todo.addAll(drainedIfIdleLocked());
      }
    }
    actions.run(todo);
    return drained;
  }

  public synchronized boolean isDraining() {
    return draining;
  }

  private List<Runnable> drainedIfIdleLocked() {
    if (draining && holders.running() == 0 && holders.suspended() == 0 && fetching == 0
        && queue.isEmpty() && !drained.isDone()) {
      return List.of(() -> drained.complete(null));
    }
    return List.of();
  }

  /** Stops serving the queue; tasks already running still report when they end. */
  public synchronized void close() {
    closed = true;
  }

  // ---- decisions (under the lock) ----------------------------------------------------------

  private List<Runnable> dispatchLocked() {
    List<Runnable> todo = new ArrayList<>();
    List<SlotClaim> deferred = List.of();
    Map<RunningTask, Runnable> suspendedNow = new IdentityHashMap<>();
    boolean queueEmpty = false;
    while (!closed) {
      int free = freeSlotsLocked();
      if (free <= 0) {
        // A slot given up for a deferred (slow scheduler's) claim would only come back here.
        if (deferred.isEmpty() && preemptLocked(todo, suspendedNow)) {
          continue;
        }
        break;
      }
      if (resumeLocked(todo, suspendedNow)) {
        continue;
      }
      SlotClaim claim = queue.poll(free);
      if (claim == null) {
        queueEmpty = true;
        break;
      }
      inUse.merge(claim.entry(), claim.slots(), Integer::sum);
      boolean probe = !claim.reservation().isBound()
          && slow.isSlow(claim.reservation().schedulerAddress());
      if (probe && !slow.takeProbe(claim.reservation().schedulerAddress(), clock.nanoTime(), false)) {
        if (deferred.isEmpty()) {
          deferred = new ArrayList<>();
        }
        deferred.add(claim);  // its slots are back in the pool: the next reservation takes them
        continue;
      }
      startClaimLocked(probe ? oneSlotProbeLocked(claim) : claim, todo);
    }
    if (!deferred.isEmpty()) {
      // Nothing else wanted the slots: ask the slow scheduler once more (the answer, or its
      // absence within the fetch deadline, is also how it gets its turn back).
      int first = queueEmpty && deferred.get(0).slots() <= freeSlotsLocked()
          && slow.takeProbe(deferred.get(0).reservation().schedulerAddress(), clock.nanoTime(), true) ? 1 : 0;
      if (first == 1) {
        startClaimLocked(oneSlotProbeLocked(deferred.get(0)), todo);
      }
      for (SlotClaim d : deferred.subList(first, deferred.size())) {
        releaseLocked(d.entry(), d.slots(), ReleaseReason.UNUSED);  // re-queued below, unclaimed
        queue.offer(new QueuedReservation(d.asReservation(), d.entry().enqueuedNanos(), sequence++));
      }
    }
    return todo;
  }

  /**
   * No slot is free: if the queue preempts and the reservation it serves next has a higher
   * priority (smaller number) than some running task that can be suspended, suspends the
   * youngest running task of the lowest such priority. Its slot is free for the next poll; the
   * queue keeps counting it as in use (it comes back once, when the task ends).
   */
  private boolean preemptLocked(List<Runnable> todo, Map<RunningTask, Runnable> suspendedNow) {
    Integer next = queue.preempts() ? queue.nextPriority() : null;
    RunningTask victim = next == null ? null : holders.victimFor(next);
    if (victim == null) {
      return false;
    }
    holders.suspend(victim, clock.nanoTime());
    TaskId id = victim.id();
    Runnable action = () -> launcher.suspend(id);
    suspendedNow.put(victim, action);
    todo.add(action);
    LOG.debug("Suspending {} (priority {}) for a priority-{} reservation", id, victim.priority(), next);
    return true;
  }

  /**
   * A slot is free: the suspended task of the highest priority (first suspended first) resumes
   * unless the queue would serve a higher priority next. Queues without priorities
   * ({@link ReservationQueue#nextPriority} null) always let suspended work resume first.
   */
  private boolean resumeLocked(List<Runnable> todo, Map<RunningTask, Runnable> suspendedNow) {
    RunningTask best = holders.firstToResume();
    Integer next = best == null ? null : queue.nextPriority();
    if (best == null || (next != null && best.priority() > next)) {
      return false;
    }
    Runnable suspendAction = suspendedNow.remove(best);
    holders.resume(best, clock.nanoTime(), suspendAction == null);
    if (suspendAction != null) {
      todo.remove(suspendAction);  // suspended and resumed in one decision: nothing to do
    } else {
      TaskId id = best.id();
      todo.add(() -> launcher.resume(id));
    }
    return true;
  }

  private int freeSlotsLocked() {
    return slots - holders.running() - fetching;
  }

  /**
   * A probe of a slow scheduler holds one slot for up to the fetch deadline, not the whole
   * claim: the other claimed slots go back to the pool and their part is re-queued.
   */
  private SlotClaim oneSlotProbeLocked(SlotClaim claim) {
    if (claim.slots() == 1 || claim.reservation().isBound()) {
      return claim;
    }
    SlotClaim rest = new SlotClaim(claim.entry(), claim.firstSlot() + 1, claim.slots() - 1);
    releaseLocked(claim.entry(), rest.slots(), ReleaseReason.UNUSED);
    queue.offer(new QueuedReservation(rest.asReservation(), claim.entry().enqueuedNanos(), sequence++));
    return new SlotClaim(claim.entry(), claim.firstSlot(), 1);
  }

  private void startClaimLocked(SlotClaim claim, List<Runnable> todo) {
    if (claim.reservation().isBound()) {
      long now = clock.nanoTime();
      for (TaskLaunch task : claim.boundTasks()) {
        todo.add(startLocked(task, claim.entry(), now));
      }
    } else {
      fetching += claim.slots();
      todo.add(() -> fetch(claim));
    }
  }

  private Runnable startLocked(TaskLaunch task, QueuedReservation entry, long now) {
    RunningTask rt = holders.start(task, entry, micros(now - entry.enqueuedNanos()), now,
        launcher.canSuspend(task));
    return () -> launch(rt);
  }

  // ---- callbacks -------------------------------------------------------------------------

  private void onFetched(SlotClaim claim, FetchedTasks fetched, Throwable error) {
    Reservation r = claim.reservation();
    List<Runnable> todo = new ArrayList<>();
    synchronized (this) {
      fetching -= claim.slots();
      Throwable cause = error instanceof java.util.concurrent.CompletionException
          && error.getCause() != null ? error.getCause() : error;
      if (error != null) {
        releaseLocked(claim.entry(), claim.slots(), ReleaseReason.UNUSED);
      }
      if (cause instanceof SchedulerUnresponsiveException) {
        // Frozen or overloaded, not dead: keep its reservations, give others their turn first.
        if (slow.markSlow(r.schedulerAddress(), clock.nanoTime())) {
          LOG.info("Scheduler {} did not answer getTasks in time; serving other schedulers' "
              + "reservations first for a while", r.schedulerAddress());
        }
      } else if (error != null) {
        int dropped = queue.removeRequest(r.requestId());
        LOG.debug("getTasks for {} at {} failed ({}); dropped it and {} more queued slots",
            r.requestId(), r.schedulerAddress(), error.toString(), dropped);
      } else {
        if (slow.markHealthy(r.schedulerAddress())) {
          LOG.info("Scheduler {} answers getTasks again", r.schedulerAddress());
        }
        List<TaskLaunch> tasks = fetched == null ? List.of() : fetched.tasks();
        long now = clock.nanoTime();
        long queuedMicros = micros(now - claim.entry().enqueuedNanos());
        for (int i = 0; i < tasks.size(); i++) {
          TaskLaunch task = tasks.get(i);
          if (closed) {
            if (i < claim.slots()) {
              releaseLocked(claim.entry(), 1, ReleaseReason.REFUSED);
            }
            todo.add(refuseLocked(task, r, queuedMicros, TaskOutcome.lost(
                "node monitor is shutting down")));
          } else if (i < claim.slots()) {
            todo.add(startLocked(task, claim.entry(), now));
          } else {
            todo.add(refuseLocked(task, r, queuedMicros, TaskOutcome.failed("scheduler sent "
                + tasks.size() + " tasks for getTasks(maxTasks=" + claim.slots()
                + "); the extra ones were not run")));
          }
        }
        if (tasks.size() < claim.slots()) {
          releaseLocked(claim.entry(), claim.slots() - tasks.size(), ReleaseReason.UNUSED);
        }
        if (fetched == null || fetched.exhausted() || tasks.isEmpty()) {
          queue.removeRequest(r.requestId());
        }
      }
      todo.addAll(dispatchLocked());
      todo.addAll(drainedIfIdleLocked());
    }
    actions.run(todo);
  }

  /**
   * Tasks a scheduler handed out for a fetch whose answer came too late (the fetcher asked again
   * after its deadline): they are this node's now, so they queue as a bound reservation and run
   * in turn, even while draining; only a closed node monitor reports them LOST.
   */
  public void acceptLateTasks(Reservation reservation, List<TaskLaunch> tasks) {
    List<Runnable> todo = new ArrayList<>();
    synchronized (this) {
      if (slow.markHealthy(reservation.schedulerAddress())) {
        LOG.info("Scheduler {} answers getTasks again", reservation.schedulerAddress());
        todo.addAll(dispatchLocked());  // its deferred reservations may take free slots now
      }
      Reservation r = reservation;
      if (tasks.isEmpty()) {
        // nothing to queue: it only answered
      } else if (closed) {
        for (TaskLaunch t : tasks) {
          todo.add(refuseLocked(t, r, 0, TaskOutcome.lost("node monitor is shutting down")));
        }
      } else {
        Reservation bound = new Reservation(r.requestId(), r.appId(), r.user(),
            r.schedulerAddress(), tasks.size(), r.nodeMonitorId(), tasks, r.schedulerBootId());
        queue.offer(new QueuedReservation(bound, clock.nanoTime(), sequence++));
        todo.addAll(dispatchLocked());
      }
    }
    actions.run(todo);
  }

  /** Gives slots back to the queue that is current now (it adopted those of its predecessor). */
  private void releaseLocked(QueuedReservation entry, int n, ReleaseReason reason) {
    inUse.merge(entry, -n, (a, b) -> a + b == 0 ? null : a + b);
    try {
      queue.released(entry, n, reason);
    } catch (RuntimeException e) {
      // A queue's accounting bug must not cost the task's report (its job would never end).
      LOG.error("Queue {} refused the release of {} slots of {}", queue.policy(), n, entry.requestId(), e);
    }
  }

  private Runnable refuseLocked(TaskLaunch task, Reservation r, long queuedMicros,
      TaskOutcome outcome) {
    completed++;
    failed++;
    TaskResult result = new TaskResult(task.taskId(), outcome.state(), outcome.exitCode(), 0,
        r.nodeMonitorId(), outcome.output(), queuedMicros, task.attempt());
    return () -> sink.taskFinished(r.schedulerAddress(), result);
  }

  private void onFinished(RunningTask rt, TaskOutcome outcome, Throwable error) {
    if (error != null) {
      outcome = TaskOutcome.lost("task launch failed: " + error);
    } else if (outcome == null) {
      outcome = TaskOutcome.lost("task launcher reported no outcome");
    }
    TaskResult result;
    List<Runnable> todo;
    synchronized (this) {
      long now = clock.nanoTime();
      holders.end(rt, now);  // running, or suspended (then it was stopped or killed)
      releaseLocked(rt.entry, 1, ReleaseReason.TASK_ENDED);
      completed++;
      if (outcome.state() != TaskState.SUCCEEDED) {
        failed++;
      }
      result = new TaskResult(rt.task.taskId(), outcome.state(), outcome.exitCode(),
          micros(rt.runNanos(now)), rt.reservation().nodeMonitorId(),
          outcome.output(), rt.queuedMicros, rt.task.attempt());
      todo = dispatchLocked();
      todo.addAll(drainedIfIdleLocked());
    }
    todo.add(0, () -> sink.taskFinished(rt.reservation().schedulerAddress(), result));
    actions.run(todo);
  }

  // ---- actions (outside the lock) --------------------------------------------------------

  private void fetch(SlotClaim claim) {
    CompletionStage<FetchedTasks> stage;
    try {
      stage = fetcher.fetch(claim.reservation(), claim.slots());
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((tasks, error) -> {
      try {
        onFetched(claim, tasks, error);
      } catch (RuntimeException e) {
        LOG.error("Handling the getTasks answer for {} failed", claim.reservation().requestId(), e);
      }
    });
  }

  private void launch(RunningTask rt) {
    CompletionStage<TaskOutcome> stage;
    try {
      stage = launcher.launch(rt.task);
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((outcome, error) -> {
      try {
        onFinished(rt, outcome, error);
      } catch (RuntimeException e) {
        LOG.error("Handling the end of task {} failed", rt.task, e);
      }
    });
  }

  private static long micros(long nanos) {
    return TimeUnit.NANOSECONDS.toMicros(Math.max(0, nanos));
  }

  /** Configuration of a {@link NodeMonitorCore}. */
  public static final class Builder {
    private int slots = Runtime.getRuntime().availableProcessors();
    private ReservationQueue queue;
    private CancellationTombstones tombstones;
    private Clock clock = Clock.system();
    private TaskFetcher fetcher;
    private TaskLauncher launcher;
    private CompletionSink sink;
    private ReservationReturner returner = ReservationReturner.NONE;
    private java.time.Duration slowSchedulerBackoff = DEFAULT_SLOW_SCHEDULER_BACKOFF;

    private Builder() {}

    public Builder slots(int slots) {
      this.slots = slots;
      return this;
    }

    /** Default: a new {@link FifoReservationQueue}. */
    public Builder queue(ReservationQueue queue) {
      this.queue = queue;
      return this;
    }

    /** Default: {@link CancellationTombstones#DEFAULT_TTL} on the builder's clock. */
    public Builder tombstones(CancellationTombstones tombstones) {
      this.tombstones = tombstones;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder fetcher(TaskFetcher fetcher) {
      this.fetcher = fetcher;
      return this;
    }

    public Builder launcher(TaskLauncher launcher) {
      this.launcher = launcher;
      return this;
    }

    public Builder sink(CompletionSink sink) {
      this.sink = sink;
      return this;
    }

    /** Where a drain hands queued reservations back. Default: {@link ReservationReturner#NONE}. */
    public Builder returner(ReservationReturner returner) {
      this.returner = returner;
      return this;
    }

    /**
     * How long a scheduler that left a fetch unanswered ({@link SchedulerUnresponsiveException})
     * lets other schedulers' reservations go first. Default 5 s.
     */
    public Builder slowSchedulerBackoff(java.time.Duration backoff) {
      if (backoff == null || backoff.isNegative()) {
        throw new IllegalArgumentException("slowSchedulerBackoff must not be negative");
      }
      this.slowSchedulerBackoff = backoff;
      return this;
    }

    public NodeMonitorCore build() {
      return new NodeMonitorCore(this);
    }
  }
}
