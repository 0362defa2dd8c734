package org.sparrow.scheduler;

import com.codahale.metrics.MetricRegistry;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import org.sparrow.common.Clock;
import org.sparrow.common.ClusterSettings;
import org.sparrow.common.HostPort;
import org.sparrow.common.LoadProbe;
import org.sparrow.common.Membership;
import org.sparrow.common.NodeMonitorInfo;
import org.sparrow.scheduler.admission.HostResolver;
import org.sparrow.scheduler.failure.ReplacementSpread;
import org.sparrow.scheduler.placement.PlacementPolicies;

/**
 * Configuration of a {@link Scheduler}, from {@link Scheduler#builder()}. Its fields are
 * package-private because the scheduler's constructor reads them directly.
 */
public final class SchedulerBuilder {
  String id;
  HostPort address;
  String bootId;
  Membership<NodeMonitorInfo> nodeMonitors;
  Supplier<ClusterSettings> settings = ClusterSettings::defaults;
  ReservationDispatcher dispatcher;
  FrontendNotifier notifier = FrontendNotifier.NONE;
  PlacementPolicies policies = PlacementPolicies.defaults();
  LoadProbe loadProbe = LoadProbe.unavailable();
  Random random = new Random();
  Clock clock = Clock.system();
  MetricRegistry metrics = new MetricRegistry();
  long defaultJobTimeoutMs = 0;
  HostResolver hostResolver = HostResolver.system();
  long hostCacheMs = 30_000;
  int maxWaitingJobs = 1_000;
  long maxWaitingTasks = 100_000;
  int maxTasksPerJob = 100_000;
  int retainedJobs = 1_000;
  long retainFinishedMs = 600_000;
  int failuresToSuspect = 3;
  ReplacementSpread replacementSpread = ReplacementSpread.DEFAULT;
  /**
   * On unless the JVM runs with {@code -Dsparrow.scheduler.retriesFirst=false}: a switch for A/B
   * measurements of the fault suite (docs/reliability.md), not an operator setting.
   */
  boolean retriesFirst = !"false".equals(System.getProperty("sparrow.scheduler.retriesFirst"));

  SchedulerBuilder() {}

  /** The scheduler id ("host:port" of its SchedulerService) and that address. */
  public SchedulerBuilder identity(HostPort address) {
    this.address = address;
    this.id = address.toString();
    return this;
  }

  /** Fixes the boot id part of request ids (default: random per scheduler). */
  public SchedulerBuilder bootId(String bootId) {
    this.bootId = bootId;
    return this;
  }

  public SchedulerBuilder nodeMonitors(Membership<NodeMonitorInfo> m) {
    this.nodeMonitors = m;
    return this;
  }

  public SchedulerBuilder settings(Supplier<ClusterSettings> s) {
    this.settings = s;
    return this;
  }

  public SchedulerBuilder dispatcher(ReservationDispatcher d) {
    this.dispatcher = d;
    return this;
  }

  public SchedulerBuilder notifier(FrontendNotifier n) {
    this.notifier = n;
    return this;
  }

  public SchedulerBuilder policies(PlacementPolicies p) {
    this.policies = p;
    return this;
  }

  public SchedulerBuilder loadProbe(LoadProbe p) {
    this.loadProbe = p;
    return this;
  }

  public SchedulerBuilder random(Random r) {
    this.random = r;
    return this;
  }

  public SchedulerBuilder clock(Clock c) {
    this.clock = c;
    return this;
  }

  public SchedulerBuilder metrics(MetricRegistry m) {
    this.metrics = m;
    return this;
  }

  /** Deadline of jobs that set no timeoutMs, from submission; 0 (the default) = none. */
  public SchedulerBuilder defaultJobTimeoutMs(long ms) {
    if (ms < 0) {
      throw new IllegalArgumentException("defaultJobTimeoutMs must not be negative (0 = no deadline)");
    }
    this.defaultJobTimeoutMs = ms;
    return this;
  }

  /** Resolves host names in task preferences (default: the JVM's DNS), cached for {@code cacheMs}. */
  public SchedulerBuilder hostResolver(HostResolver r, long cacheMs) {
    this.hostResolver = Objects.requireNonNull(r, "hostResolver");
    this.hostCacheMs = cacheMs;
    return this;
  }

  /** At most this many jobs, with at most this many tasks in all, wait for a node monitor. */
  public SchedulerBuilder waitingJobs(int jobs, long tasks) {
    this.maxWaitingJobs = jobs;
    this.maxWaitingTasks = tasks;
    return this;
  }

  public SchedulerBuilder maxTasksPerJob(int n) {
    if (n <= 0) {
      throw new IllegalArgumentException("maxTasksPerJob must be positive");
    }
    this.maxTasksPerJob = n;
    return this;
  }

  /** How many finished jobs' statuses to keep, and for how long. */
  public SchedulerBuilder retainFinished(int jobs, long ms) {
    if (jobs < 0 || ms < 0) {
      throw new IllegalArgumentException("retention must not be negative");
    }
    this.retainedJobs = jobs;
    this.retainFinishedMs = ms;
    return this;
  }

  /** Failed calls in a row (timeouts, resets) after which a node monitor is suspect; a refused connection is enough at once. */
  public SchedulerBuilder failuresToSuspect(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("failuresToSuspect must be at least 1");
    }
    this.failuresToSuspect = k;
    return this;
  }

  /**
   * How many node monitors a re-placed task (retried after a lost run, or a reservation of a
   * failed node monitor) samples at most, if the job's probe ratio asks for fewer and enough are
   * eligible (default 4; 1 = the job's ratio only). See {@link ReplacementSpread}.
   */
  public SchedulerBuilder replacementSpread(double nodesPerTask) {
    this.replacementSpread = new ReplacementSpread(nodesPerTask);
    return this;
  }

  /**
   * Whether reservations placed for a retried task (its run was lost) are marked so that node
   * monitors serve them ahead of ordinary reservations of the same priority (default on). Node
   * monitors that predate the mark queue them as before.
   */
  public SchedulerBuilder retriesFirst(boolean on) {
    this.retriesFirst = on;
    return this;
  }

  public Scheduler build() {
    return new Scheduler(this);
  }
}
