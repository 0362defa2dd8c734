package org.sparrow.nodemonitor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sparrow.common.Clock;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.UserLoad;
import org.sparrow.nodemonitor.launch.StopOutcome;
import org.sparrow.nodemonitor.launch.TaskLauncher;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.queue.FifoReservationQueue;
import org.sparrow.nodemonitor.queue.QueuedReservation;
import org.sparrow.nodemonitor.queue.ReleaseReason;
import org.sparrow.nodemonitor.queue.ReservationQueue;
import org.sparrow.nodemonitor.queue.SlotClaim;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node monitor's state machine: a reservation queue feeding a fixed number of slots.
 *
 * <p>When a slot is free and the queue is not empty, the head reservation's slots are claimed:
 * bound tasks are launched at once; otherwise the scheduler is asked for up to as many tasks
 * as slots were claimed (the claimed slots are not free while the fetch is in flight); what its
 * answer means is {@link FetchAnswer}'s decision. Every slot the queue hands out comes back to
 * it exactly once ({@link QueueLedger}), also across a live {@link #replaceQueue}.
 *
 * <p><b>Preemption</b> (queues whose {@link ReservationQueue#preempts} is true): a running task of
 * a lower priority that the launcher can suspend gives its slot to a more urgent reservation and
 * resumes when a slot frees ({@link PreemptionRound}, {@link SlotHolders}). No work is lost and
 * schedulers see nothing: it ends, and is reported, once. Schedulers that leave a fetch
 * unanswered give other schedulers' reservations their turn first ({@link SlowSchedulerDeferral}).
 *
 * <p>No threads, sockets or blocking here: every method takes the lock briefly, decides, and
 * then performs the resulting actions (fetch, launch, report) outside the lock through the
 * injected {@link TaskFetcher}, {@link TaskLauncher} and {@link CompletionSink}, whose
 * completions call back in. The simulator drives this same class on simulated time.
 *
 * <p>{@link #drain()} stops taking reservations and hands queued late-binding ones back to their
 * schedulers ({@link DrainReturns}); bound ones, fetches and tasks under way still end here.
 */
public final class NodeMonitorCore {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitorCore.class);

  public static final Duration DEFAULT_SLOW_SCHEDULER_BACKOFF = Duration.ofSeconds(5);

  private final int slots;
  private final QueueLedger queue;  // guarded by this; its queue is replaced at a policy change
  private final CancellationTombstones tombstones;
  private final Clock clock;
  private final TaskFetcher fetcher;
  private final TaskLauncher launcher;
  private final CompletionSink sink;
  private final ReservationReturner returner;
  private final ActionRunner actions = new ActionRunner();
  private final CompletableFuture<Void> drained = new CompletableFuture<>();
  private final SlowSchedulerDeferral slow;

  // Guarded by this.
  private int fetching;
  private final TaskTally tally = new TaskTally();
  private boolean closed;
  private boolean draining;
  private final SlotHolders holders = new SlotHolders();  // tasks running or suspended

  NodeMonitorCore(NodeMonitorCoreBuilder b) {
    if (b.slots <= 0) {
      throw new IllegalArgumentException("slots must be at least 1, got " + b.slots);
    }
    this.slots = b.slots;
    this.clock = b.clock;
    this.queue = new QueueLedger(b.queue != null ? b.queue : new FifoReservationQueue());
    this.tombstones = b.tombstones != null ? b.tombstones : new CancellationTombstones(clock);
    this.fetcher = Objects.requireNonNull(b.fetcher, "fetcher");
    this.launcher = Objects.requireNonNull(b.launcher, "launcher");
    this.sink = Objects.requireNonNull(b.sink, "sink");
    this.returner = Objects.requireNonNull(b.returner, "returner");
    this.slow = new SlowSchedulerDeferral(b.slowSchedulerBackoff.toNanos(), queue, clock);
  }

  public static NodeMonitorCoreBuilder builder() {
    return new NodeMonitorCoreBuilder();
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
        queue.offer(r, now);
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
    return new NodeLoad(slots, holders.running(), fetching, queue.size(), tally.completed(), tally.failed(), Map.of(),
        holders.suspended(), holders.preemptions());
  }

  /** Queued slots and running tasks per user name (users with neither are absent). */
  public synchronized Map<String, UserLoad> userLoads() {
    return holders.userLoads(queue.queuedByUser());
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
      if (!queue.replace(next)) {
        return;
      }
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
        plan.kept().forEach(queue::offerAgain);
        LOG.info("Draining: handing {} queued reservation slots back to {} schedulers; {} "
            + "tasks running, {} slots fetching", plan.slotsReturned(), plan.returned().size(),
            holders.running(), fetching);
        todo.addAll(plan.calls(returner));
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

  /**
   * Serves the queue while slots are free (or can be freed by preemption): suspended tasks of a
   * high enough priority take a free slot back first, then claims start (bound tasks launch,
   * late-binding ones fetch); slow schedulers' claims wait for the end of the round.
   */
  private List<Runnable> dispatchLocked() {
    List<Runnable> todo = new ArrayList<>();
    SlowSchedulerDeferral.Round deferral = slow.round();
    PreemptionRound preemption = new PreemptionRound(queue, holders, launcher, todo);
    boolean queueEmpty = false;
    while (!closed) {
      int free = freeSlotsLocked();
      if (free <= 0) {
        // A slot given up for a deferred (slow scheduler's) claim would only come back here.
        if (!deferral.any() && preemption.preempt(clock.nanoTime())) {
          continue;
        }
        break;
      }
      if (preemption.resume(clock.nanoTime())) {
        continue;
      }
      SlotClaim claim = queue.claim(free);
      if (claim == null) {
        queueEmpty = true;
        break;
      }
      SlotClaim admitted = deferral.admit(claim);
      if (admitted != null) {
        startClaimLocked(admitted, todo);
      }
    }
    SlotClaim probe = deferral.finish(queueEmpty, freeSlotsLocked());
    if (probe != null) {
      startClaimLocked(probe, todo);
    }
    return todo;
  }

  private int freeSlotsLocked() {
    return slots - holders.running() - fetching;
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
    RunningTask rt = holders.start(task, entry, TaskTally.micros(now - entry.enqueuedNanos()), now,
        launcher.canSuspend(task));
    return () -> launch(rt);
  }

  // ---- callbacks -------------------------------------------------------------------------

  private void onFetched(SlotClaim claim, FetchedTasks fetched, Throwable error) {
    Reservation r = claim.reservation();
    List<Runnable> todo = new ArrayList<>();
    synchronized (this) {
      fetching -= claim.slots();
      FetchAnswer answer = FetchAnswer.of(claim, fetched, error, closed);
      slow.heard(r.schedulerAddress(), answer.verdict());
      long now = clock.nanoTime();
      long queuedMicros = TaskTally.micros(now - claim.entry().enqueuedNanos());
      for (TaskLaunch task : answer.start()) {
        todo.add(startLocked(task, claim.entry(), now));
      }
      for (FetchAnswer.Refusal refusal : answer.refused()) {
        todo.add(refuseLocked(refusal.task(), r, queuedMicros, refusal.outcome()));
      }
      answer.released().forEach((reason, n) -> queue.release(claim.entry(), n, reason));
      int dropped = answer.dropRequest() ? queue.removeRequest(r.requestId()) : 0;
      if (answer.verdict() == FetchAnswer.Verdict.FAILED) {
        LOG.debug("getTasks for {} at {} failed ({}); dropped it and {} more queued slots",
            r.requestId(), r.schedulerAddress(), answer.error().toString(), dropped);
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
      if (slow.answered(reservation.schedulerAddress())) {
        todo.addAll(dispatchLocked());  // its deferred reservations may take free slots now
      }
      if (closed) {
        for (TaskLaunch t : tasks) {
          todo.add(refuseLocked(t, reservation, 0, TaskOutcome.lost("node monitor is shutting down")));
        }
      } else if (!tasks.isEmpty()) {  // (none: it only answered)
        queue.offer(reservation.boundTo(tasks), clock.nanoTime());
        todo.addAll(dispatchLocked());
      }
    }
    actions.run(todo);
  }

  private Runnable refuseLocked(TaskLaunch task, Reservation r, long queuedMicros, TaskOutcome outcome) {
    TaskResult result = tally.refused(task, r, queuedMicros, outcome);
    return () -> sink.taskFinished(r.schedulerAddress(), result);
  }

  private void onFinished(RunningTask rt, TaskOutcome launcherOutcome, Throwable error) {
    TaskOutcome outcome = TaskTally.outcomeOf(launcherOutcome, error);
    TaskResult result;
    List<Runnable> todo;
    synchronized (this) {
      long now = clock.nanoTime();
      holders.end(rt, now);  // running, or suspended (then it was stopped or killed)
      queue.release(rt.entry, 1, ReleaseReason.TASK_ENDED);
      result = tally.ended(rt, outcome, now);
      todo = dispatchLocked();
      todo.addAll(drainedIfIdleLocked());
    }
    todo.add(0, () -> sink.taskFinished(rt.reservation().schedulerAddress(), result));
    actions.run(todo);
  }

  // ---- actions (outside the lock) --------------------------------------------------------

  private void fetch(SlotClaim claim) {
    ActionRunner.call(() -> fetcher.fetch(claim.reservation(), claim.slots()),
        (tasks, error) -> onFetched(claim, tasks, error), "getTasks for " + claim.reservation().requestId());
  }

  private void launch(RunningTask rt) {
    ActionRunner.call(() -> launcher.launch(rt.task), (outcome, error) -> onFinished(rt, outcome, error),
        "task " + rt.id());
    rt.launched(launcher);  // another thread may have chosen it as a victim before this launch
  }
}
