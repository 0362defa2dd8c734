package org.sparrow.nodemonitor;

import org.sparrow.common.NodeLoad;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.sparrow.common.Clock;
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
 * <p>No threads, sockets or blocking here: every method takes the lock briefly, decides, and
 * then performs the resulting actions (fetch, launch, report) outside the lock through the
 * injected {@link TaskFetcher}, {@link TaskLauncher} and {@link CompletionSink}, whose
 * completions call back in. The simulator drives this same class on simulated time.
 */
public final class NodeMonitorCore {

  private static final Logger LOG = LoggerFactory.getLogger(NodeMonitorCore.class);

  private final int slots;
  private final ReservationQueue queue;
  private final CancellationTombstones tombstones;
  private final Clock clock;
  private final TaskFetcher fetcher;
  private final TaskLauncher launcher;
  private final CompletionSink sink;
  private final ActionRunner actions = new ActionRunner();

  // Guarded by this.
  private int running;
  private int fetching;
  private long completed;
  private long failed;
  private long sequence;
  private boolean closed;

  private record RunningTask(TaskLaunch task, Reservation reservation, long queuedMicros,
      long launchNanos) {}

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

  public synchronized NodeLoad load() {
    return new NodeLoad(slots, running, fetching, queue.size(), completed, failed);
  }

  public int slots() {
    return slots;
  }

  public String queuePolicy() {
    return queue.policy();
  }

  /** Stops serving the queue; tasks already running still report when they end. */
  public synchronized void close() {
    closed = true;
  }

  // ---- decisions (under the lock) ----------------------------------------------------------

  private List<Runnable> dispatchLocked() {
    List<Runnable> todo = new ArrayList<>();
    while (!closed) {
      int free = slots - running - fetching;
      if (free <= 0) {
        break;
      }
      SlotClaim claim = queue.poll(free);
      if (claim == null) {
        break;
      }
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
    return todo;
  }

  private Runnable startLocked(TaskLaunch task, QueuedReservation entry, long now) {
    running++;
    RunningTask rt = new RunningTask(task, entry.reservation(),
        micros(now - entry.enqueuedNanos()), now);
    return () -> launch(rt);
  }

  // ---- callbacks -------------------------------------------------------------------------

  private void onFetched(SlotClaim claim, FetchedTasks fetched, Throwable error) {
    Reservation r = claim.reservation();
    List<Runnable> todo = new ArrayList<>();
    synchronized (this) {
      fetching -= claim.slots();
      if (error != null) {
        int dropped = queue.removeRequest(r.requestId());
        LOG.debug("getTasks for {} at {} failed ({}); dropped it and {} more queued slots",
            r.requestId(), r.schedulerAddress(), error.toString(), dropped);
      } else {
        List<TaskLaunch> tasks = fetched == null ? List.of() : fetched.tasks();
        long now = clock.nanoTime();
        long queuedMicros = micros(now - claim.entry().enqueuedNanos());
        for (int i = 0; i < tasks.size(); i++) {
          TaskLaunch task = tasks.get(i);
          if (closed) {
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
        if (fetched == null || fetched.exhausted() || tasks.isEmpty()) {
          queue.removeRequest(r.requestId());
        }
      }
      todo.addAll(dispatchLocked());
    }
    actions.run(todo);
  }

  private Runnable refuseLocked(TaskLaunch task, Reservation r, long queuedMicros,
      TaskOutcome outcome) {
    completed++;
    failed++;
    TaskResult result = new TaskResult(task.taskId(), outcome.state(), outcome.exitCode(), 0,
        r.nodeMonitorId(), outcome.output(), queuedMicros);
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
      running--;
      completed++;
      if (outcome.state() != TaskState.SUCCEEDED) {
        failed++;
      }
      long now = clock.nanoTime();
      result = new TaskResult(rt.task().taskId(), outcome.state(), outcome.exitCode(),
          micros(now - rt.launchNanos()), rt.reservation().nodeMonitorId(), outcome.output(),
          rt.queuedMicros());
      todo = dispatchLocked();
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
      stage = launcher.launch(rt.task());
    } catch (RuntimeException e) {
      stage = CompletableFuture.failedFuture(e);
    }
    stage.whenComplete((outcome, error) -> {
      try {
        onFinished(rt, outcome, error);
      } catch (RuntimeException e) {
        LOG.error("Handling the end of task {} failed", rt.task(), e);
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

    public NodeMonitorCore build() {
      return new NodeMonitorCore(this);
    }
  }
}
