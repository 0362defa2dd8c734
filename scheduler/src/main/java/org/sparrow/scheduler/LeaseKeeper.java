package org.sparrow.scheduler;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.sparrow.common.Clock;
import org.sparrow.common.HostPort;
import org.sparrow.scheduler.admission.Admission;
import org.sparrow.scheduler.failure.ClientLeases;
import org.sparrow.scheduler.job.JobRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's side of its clients' leases on their jobs (decisions in {@link ClientLeases}):
 * heartbeats to the frontends of leased jobs, and giving up the jobs whose frontend was not
 * reached for their lease, so that the client, which then hears nothing from this scheduler,
 * may send them elsewhere. See docs/reliability.md, "Client leases".
 */
final class LeaseKeeper {

  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  /** How often each leased frontend is told this scheduler is alive. */
  static final long HEARTBEAT_INTERVAL_NANOS = 1_000_000_000L;

  private final HostPort address;
  private final FrontendNotifier notifier;
  private final Clock clock;
  private final SchedulerMetrics metrics;
  private final Map<String, Job> jobs;
  private final FinishedJobs finishedJobs;
  private final Admission admission;
  private final JobControl control;
  private final SubmitGate gate;
  private final ClientLeases leases = new ClientLeases();
  /** Leased jobs with an idempotency key -> the key as the gate scopes it (forgotten when given up). */
  private final Map<String, String> keys = new ConcurrentHashMap<>();
  /** Leased frontends -> when the last heartbeat went to each (clock nanos). */
  private final Map<String, Long> heartbeats = new ConcurrentHashMap<>();
  /** Frontends with a heartbeat under way: one at a time each, so a hung one holds one thread. */
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

  LeaseKeeper(HostPort address, FrontendNotifier notifier, Clock clock, SchedulerMetrics metrics,
      Map<String, Job> jobs, FinishedJobs finishedJobs, Admission admission, JobControl control, SubmitGate gate) {
    this.address = address;
    this.notifier = notifier;
    this.clock = clock;
    this.metrics = metrics;
    this.jobs = jobs;
    this.finishedJobs = finishedJobs;
    this.admission = admission;
    this.control = control;
    this.gate = gate;
  }

  /** A job was accepted (or a duplicate submit answered with it): track its lease, if it has one. */
  void accepted(String requestId, JobRequest request) {
    Long lease = request.retry().clientLeaseMs();
    if (lease == null || request.frontendAddress() == null) {
      return;
    }
    leases.track(requestId, request.frontendAddress(), lease, clock.nanoTime());
    if (request.retry().idempotencyKey() != null) {
      keys.put(requestId, SubmitGate.scoped(request));
    }
  }

  /** See {@link Scheduler#heartbeatFrontends}. */
  void heartbeat() {
    long now = clock.nanoTime();
    Set<String> leased = leases.frontends();
    heartbeats.keySet().retainAll(leased);
    for (String frontend : leased) {
      Long last = heartbeats.get(frontend);
      if (last != null && now - last < HEARTBEAT_INTERVAL_NANOS) {
        continue;
      }
      HostPort to;
      try {
        to = HostPort.parse(frontend);
      } catch (RuntimeException e) {
        continue;  // its lease ends: it cannot be told
      }
      if (!inFlight.add(frontend)) {
        continue;  // the last one has not come back: its lease runs on from the one before
      }
      heartbeats.put(frontend, now);
      java.util.concurrent.CompletionStage<Void> sent;
      try {
        sent = notifier.heartbeat(to, address);
      } catch (RuntimeException e) {
        inFlight.remove(frontend);
        continue;
      }
      sent.whenComplete((ok, err) -> {
        inFlight.remove(frontend);
        if (err == null) {
          leases.reached(frontend, now);  // it heard us at some point after now
        }
      });
    }
  }

  /** Gives up the jobs whose lease ended; forgets ended ones. */
  void expire(long nowNanos) {
    for (String requestId : leases.takeExpired(nowNanos, this::isActive)) {
      giveUp(requestId);
    }
    keys.keySet().removeIf(id -> !isActive(id));
  }

  private boolean isActive(String requestId) {
    return jobs.containsKey(requestId) || admission.status(requestId) != null;
  }

  /**
   * The client's lease on the job ended (its frontend was not reached for the lease's length):
   * the client sends it elsewhere, so it must not run here. A running job is cancelled (its
   * running tasks stopped) without notices, a waiting one dropped unrun; either way this
   * scheduler forgets it (its status is unknown, its key free): a client that can still ask
   * about it hears "unknown job" and sends it elsewhere too, as after a restart.
   */
  private void giveUp(String requestId) {
    LOG.warn("Job {}: its client could not be reached for its lease; giving it up (the client "
        + "sends it to another scheduler)", requestId);
    metrics.jobsAbandoned.mark();
    Job job = jobs.get(requestId);
    if (job != null) {
      job.givenUp = true;  // no notices: they would end the job at a client that moved it
      try {
        control.cancel(requestId);
      } catch (IllegalArgumentException endedMeanwhile) {
        // it ended on its own
      }
      finishedJobs.remove(requestId);
    } else {
      admission.waiting().remove(requestId);
    }
    String key = keys.remove(requestId);
    if (key != null) {
      gate.forget(new SubmitGate.Admitted(requestId, true, key));
    }
  }
}
