package org.sparrow.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.thrift.TException;
import org.sparrow.client.JobRejectedException;
import org.sparrow.client.JobResult;
import org.sparrow.client.SparrowClientException;
import org.sparrow.common.HostPort;
import org.sparrow.common.SchedulerInfo;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.common.thrift.PeerUnreachableException;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TSchedulingRequest;

/**
 * Sends jobs to schedulers on the client's executor (the caller of submit never waits for an
 * RPC) and resubmits them safely. Every request carries an idempotency key, the same for every
 * resubmission of one job, and a submit deadline {@code submitTimeoutMs} ahead, written in the
 * clock of the scheduler it goes to ({@link SchedulerClocks}). A scheduler answers a key it
 * accepted already with that job, drops a request it reads after the deadline, and keeps a job
 * only if its answer was written before the deadline. This client waits for the answer until
 * the deadline plus a margin: so when it gives up and sends the job to another scheduler, the
 * first one has dropped it (or will), and the job runs once.
 *
 * <p>A scheduler that let a submit time out is <em>slow</em>: new jobs go to the others first
 * until it answers again (a submit, a status check or the clock probe each round), so a frozen
 * scheduler costs one submit deadline, not one per job. New jobs also go to the others first
 * while a submit to a scheduler has been unanswered for {@code unansweredMs} (a healthy one
 * answers in milliseconds), so a scheduler that freezes gets the submits of that long only, not
 * those of a whole submit deadline (each of which then costs its job the deadline, and all of
 * them land on the other schedulers at once when it passes). A job taken back from a scheduler
 * that was lost is cancelled there, best effort, once it answers again.
 *
 * <p>Every send, first or resubmission, tries only the schedulers whose advertised request limits
 * take the job ({@link SchedulerFit}, fed by {@link #advertised}); when none does, the job fails
 * with a {@link JobRejectedException} naming each scheduler's limit and the job's value.
 *
 * <p>This class is the adapter that makes the calls and holds the jobs in flight; the decisions
 * are elsewhere: {@link SchedulerOrder} (which scheduler first), {@link SubmitRound} (what each
 * answer means for the job and the scheduler), {@link ClockProbe} (the clock estimates) and
 * {@link TakenBackJobs} (the cancels where a job was taken back).
 */
public final class Submitter {

  /** Unanswered this long, a submit makes new jobs try the other schedulers first. */
  public static final long DEFAULT_UNANSWERED_MS = 250;
  /**
   * The lease every job carries (TSchedulingRequest.clientLeaseMs): a scheduler gives a job up
   * once it could not reach this client for that long, and {@link SchedulerWatch} sends the
   * jobs of a scheduler it has heard nothing from for longer (plus {@link #LEASE_MARGIN_MS}) elsewhere.
   * Longer than a pause a scheduler should survive with its jobs (the fault suite freezes one for
   * 20 s): what a given-up job's tasks completed there is run again elsewhere.
   */
  public static final long LEASE_MS = 30_000;
  /** Over the lease: the scheduler's timer tick and cancel, and the heartbeat's way here. */
  public static final long LEASE_MARGIN_MS = 3_000;

  private final ClientPool<SchedulerService.Client> pool;
  private final PendingJobs pending;
  private final Supplier<List<HostPort>> schedulers;
  private final Executor executor;
  private final long submitTimeoutMs;
  private final int maxResubmits;
  private final SchedulerClocks clocks;
  private final LongSupplier wallClock;
  private final SchedulerOrder order;
  private final ClockProbe probe;
  /** Accepted jobs not yet ended, by request id. */
  private final Map<String, Submission> inFlight = new ConcurrentHashMap<>();
  private final TakenBackJobs takenBack;
  private final MisfitLog misfitLog = new MisfitLog();
  /** The lease this client's jobs carry: {@link #LEASE_MS} unless the client was built with another. */
  private volatile long leaseMs = LEASE_MS;
  /** What the registered schedulers advertise (their request limits); nothing until set. */
  private volatile Supplier<? extends Collection<SchedulerInfo>> advertised = List::of;

  /**
   * @param pool            its read timeout is {@code submitTimeoutMs} plus the margin
   * @param submitTimeoutMs the submit deadline, from the moment the request is sent
   * @param maxResubmits    how often one accepted job may be sent again after its scheduler was lost
   * @param wallClock       this client's wall clock, ms since the epoch
   */
  public Submitter(ClientPool<SchedulerService.Client> pool, PendingJobs pending,
      Supplier<List<HostPort>> schedulers, Executor executor, long submitTimeoutMs, int maxResubmits,
      SchedulerClocks clocks, LongSupplier wallClock) {
    this(pool, pending, schedulers, executor, submitTimeoutMs, maxResubmits, clocks, wallClock,
        System::nanoTime, Math.max(1, Math.min(DEFAULT_UNANSWERED_MS, submitTimeoutMs / 4)));
  }

  /**
   * @param nanoClock    monotonic, for how long submits are under way
   * @param unansweredMs a submit unanswered this long makes new jobs go to the others first
   */
  public Submitter(ClientPool<SchedulerService.Client> pool, PendingJobs pending,
      Supplier<List<HostPort>> schedulers, Executor executor, long submitTimeoutMs, int maxResubmits,
      SchedulerClocks clocks, LongSupplier wallClock, LongSupplier nanoClock, long unansweredMs) {
    this.pool = pool;
    this.pending = pending;
    this.schedulers = schedulers;
    this.executor = executor;
    this.submitTimeoutMs = submitTimeoutMs;
    this.maxResubmits = maxResubmits;
    this.clocks = clocks;
    this.wallClock = wallClock;
    this.order = new SchedulerOrder(nanoClock, unansweredMs);
    this.probe = new ClockProbe(pool, clocks, wallClock, order, executor);
    this.takenBack = new TakenBackJobs(pool, executor);
  }

  /** Sets the lease the jobs submitted from now on carry (ms, positive); returns this. */
  public Submitter lease(long ms) {
    if (ms <= 0) {
      throw new IllegalArgumentException("the lease must be positive, got " + ms);
    }
    this.leaseMs = ms;
    return this;
  }

  /**
   * Where the schedulers' advertised request limits come from (the client's membership view),
   * read at every send so a scheduler that registers or changes its limits counts at once;
   * returns this.
   */
  public Submitter advertised(Supplier<? extends Collection<SchedulerInfo>> registered) {
    this.advertised = Objects.requireNonNull(registered, "registered");
    return this;
  }

  /** The lease jobs carry (ms). */
  public long leaseMs() {
    return leaseMs;
  }

  /**
   * Returns at once; the future completes with the job's result or its failure.
   *
   * @param size the request's, measured once by the caller (who checked it against the client's
   *             frame limit)
   */
  public CompletableFuture<JobResult> submit(TSchedulingRequest request, List<String> taskIds, Duration timeout,
      SchedulerFit.JobSize size) {
    CompletableFuture<JobResult> future = new CompletableFuture<>();
    Submission s = new Submission(request, taskIds, future, System.nanoTime(), timeout, size);
    run(() -> send(s, null), s);
    return future;
  }

  /** Accepted jobs not yet ended (a copy). */
  List<Submission> inFlight() {
    return new ArrayList<>(inFlight.values());
  }

  /**
   * The job's scheduler is gone (or does not know the job): send it to another one with the same
   * key, once; after that the job fails.
   */
  void resubmit(Submission s, HostPort gone, String why) {
    String old = s.takeBack(gone, maxResubmits);
    if (old == null) {
      if (!s.future.isDone() && gone.equals(s.scheduler())) {
        s.future.completeExceptionally(new SparrowClientException("scheduler " + gone + " was lost with the job ("
            + why + ") and the job was resubmitted " + s.resubmits() + " time(s) already"));
      }
      return;
    }
    inFlight.remove(old, s);
    // Tasks whose results came from the lost scheduler are not run again (see Submission.toSend).
    s.carry(pending.detach(old));
    takenBack.add(gone, old);
    run(() -> send(s, gone), s);
  }

  /**
   * The scheduler answered a call: new jobs may go to it again, and jobs taken back from it
   * are cancelled there (best effort: one try each).
   */
  void answered(HostPort scheduler) {
    order.answered(scheduler);
    takenBack.answered(scheduler);
  }

  /** Probes each slow scheduler's clock (see {@link ClockProbe}): an answer makes it usable again. */
  void probeSlow() {
    probe.probeSlow(this::answered);
  }

  private void run(Runnable task, Submission s) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      s.future.completeExceptionally(new SparrowClientException("client closed"));
    }
  }

  /**
   * Tries each scheduler whose advertised limits take the job once, starting round-robin, slow
   * ones and the one just lost (if any) last.
   */
  private void send(Submission s, HostPort avoid) {
    List<HostPort> all = order.order(schedulers.get(), avoid);
    if (all.isEmpty()) {
      s.future.completeExceptionally(new SparrowClientException("no scheduler is registered"));
      return;
    }
    TSchedulingRequest toSend = s.toSend();
    if (toSend == null) {
      // Every task's result came from the scheduler it was taken back from (the last one
      // completes the future as it arrives, so this is a guard): nothing is left to run.
      pending.attach(s.key(), s.taskIds, String.valueOf(avoid), s.startNanos, s.future, s.attempts(),
          s.carried());
      return;
    }
    SchedulerFit.Split fit = SchedulerFit.of(advertised.get()).split(all, s.sizeOf(toSend));
    if (fit.fitting().isEmpty()) {
      s.future.completeExceptionally(SubmitRound.noneFits(avoid, fit.rejection()));  // no scheduler is asked
      return;
    }
    misfitLog.skipped(fit.misfits());
    SubmitRound round = new SubmitRound(fit.misfits().stream().map(SchedulerFit.Misfit::reason).toList());
    // Results that beat the scheduler's answer are held only while this submit is in flight.
    long ticket = pending.submitStarted();
    try {
      for (HostPort scheduler : fit.fitting()) {
        if (s.future.isDone()) {
          return;
        }
        s.tried();
        SubmitRound.Step step = attempt(round, scheduler, toSend);
        if (step.acceptedAs() != null) {
          accepted(s, step.acceptedAs(), scheduler);
          return;
        }
        if (step.failure() != null) {
          s.future.completeExceptionally(step.failure());
          return;
        }
      }
      s.future.completeExceptionally(round.exhausted());
    } finally {
      pending.submitEnded(ticket);
    }
  }

  /**
   * Sends the job to one scheduler (after a clock probe, if it has no estimate yet) and marks the
   * scheduler as the round decides; returns the round's step.
   */
  private SubmitRound.Step attempt(SubmitRound round, HostPort scheduler, TSchedulingRequest toSend) {
    if (clocks.current(scheduler, wallClock.getAsLong()) == null && !probe.probe(scheduler)) {
      return mark(scheduler, round.after(scheduler, new SubmitRound.Answer.NoClock()));
    }
    // The deadline in the scheduler's clock, earlier by the estimate's error: the scheduler's
    // deadline passes before this client stops waiting (the pool's margin covers the wire).
    long budget = Math.max(1, submitTimeoutMs - clocks.errorMs(scheduler));
    TSchedulingRequest attempt = toSend.deepCopy()
        .setSubmitDeadlineEpochMs(clocks.deadline(scheduler, wallClock.getAsLong(), budget))
        .setClientLeaseMs(leaseMs);
    Object call = order.submitStarted(scheduler);
    try {
      // Marked before the submit counts as ended, so the scheduler is never neither slow nor
      // unanswered in between.
      return mark(scheduler, round.after(scheduler, submit(scheduler, attempt)));
    } finally {
      order.submitEnded(scheduler, call);
    }
  }

  /** The scheduler's answer to the submit, exceptions told apart as the round needs them. */
  private SubmitRound.Answer submit(HostPort scheduler, TSchedulingRequest attempt) {
    try {
      return new SubmitRound.Answer.Accepted(pool.call(scheduler, c -> c.submitJobWithId(attempt)));
    } catch (IncompleteRequestException e) {
      return new SubmitRound.Answer.Refused(e.getMessage(), e.isRetryElsewhere());
    } catch (PeerUnreachableException e) {
      return new SubmitRound.Answer.Unreachable(e.getMessage());
    } catch (TException | RuntimeException e) {
      return new SubmitRound.Answer.NoAnswer(e.toString());
    }
  }

  private SubmitRound.Step mark(HostPort scheduler, SubmitRound.Step step) {
    switch (step.mark()) {
      case HEARD -> {
        pending.silence().heard(scheduler);
        answered(scheduler);
      }
      case ANSWERED -> answered(scheduler);
      case SLOW -> order.slow(scheduler);
      case NONE -> { }
    }
    return step;
  }

  private void accepted(Submission s, String requestId, HostPort scheduler) {
    boolean arm = s.accepted(requestId, scheduler);
    inFlight.put(requestId, s);
    s.future.whenComplete((r, e) -> inFlight.remove(requestId, s));
    pending.attach(requestId, s.taskIds, scheduler.toString(), s.startNanos, s.future, s.attempts(),
        s.carried());
    if (arm) {
      // A little slack over the scheduler's own deadline, so its explicit TIMED_OUT results win.
      long ms = s.timeout.toMillis();
      s.future.orTimeout(ms + Math.min(5_000, Math.max(200, ms / 10)), TimeUnit.MILLISECONDS);
    }
  }
}
