package org.sparrow.scheduler;

import static org.sparrow.common.config.SettingChecks.atLeast;
import static org.sparrow.common.config.SettingChecks.optionalHost;
import static org.sparrow.common.config.SettingChecks.host;
import static org.sparrow.common.config.SettingChecks.port;
import static org.sparrow.common.config.SettingChecks.range;

import java.util.List;
import org.sparrow.common.config.ArgsWriter;

/**
 * Everything an operator sets on a scheduler, validated in one place. The daemon, the CLI
 * ({@code bin/sparrow scheduler}), {@code LocalCluster}, the YARN AM (through {@link #toArgs})
 * and the simulator build one of these, so a new setting is added here (a component, a builder
 * method with its default, its check, its flag in {@link #toArgs}) and in the CLI's option for
 * it; the round-trip test of the CLI fails until both are there. Runtime collaborators
 * (directory, random, clock, metrics, policies, what to do on a fatal error) stay on
 * {@link SchedulerDaemon.Builder}. The settings, flags and defaults are listed in
 * docs/configuration.md.
 *
 * @param bindHost            interface to listen on
 * @param advertisedHost      host others dial; null: the bind host, or this machine's name
 * @param port                SchedulerService port (0 = any free)
 * @param internalPort        SchedulerInternalService port (0 = any free)
 * @param metricsPort         HTTP port of Prometheus /metrics (0 = any free, -1 = none)
 * @param defaultJobTimeoutMs deadline of jobs that set no timeoutMs (0 = none, as in the original)
 * @param maxTasksPerJob      larger jobs are refused
 * @param retainedJobs        finished jobs whose status stays queryable, at most
 * @param retainFinishedMs    and for how long
 * @param rpcThreads          threads for outgoing RPCs
 * @param serverThreads       worker threads of the frontend Thrift server (0 = max(4, cores))
 * @param connectTimeoutMs    connect timeout of outgoing RPCs
 * @param tickMs              how often deadlines and status retention are checked
 * @param livenessIntervalMs  how often node monitors holding this scheduler's work are pinged
 * @param pingTimeoutMs       how long one such ping may take
 * @param drainTimeoutMs      how long a drain waits for active jobs (a drain flag may give its own)
 * @param drainGraceMs        between deregistering and closing at the end of a drain
 * @param frontendTimeoutMs   how long one completion notice to a frontend may take
 * @param maxQueuedNotices    notices that may wait per frontend before new ones are dropped
 * @param jmx                 whether start() exposes the metrics over JMX
 */
public record SchedulerConfig(String bindHost, String advertisedHost, int port, int internalPort,
    int metricsPort, long defaultJobTimeoutMs, int maxTasksPerJob, int retainedJobs, long retainFinishedMs,
    int rpcThreads, int serverThreads, int connectTimeoutMs, long tickMs, long livenessIntervalMs,
    int pingTimeoutMs, long drainTimeoutMs, long drainGraceMs, int frontendTimeoutMs, int maxQueuedNotices,
    boolean jmx) {

  public static final int DEFAULT_PORT = 20503;
  public static final int DEFAULT_INTERNAL_PORT = 20507;

  private static final long DAY_MS = 86_400_000L;

  /** Checks every setting; the message names the bad one and its valid range. */
  public SchedulerConfig {
    org.sparrow.common.config.SettingChecks.host("bindHost", bindHost);
    org.sparrow.common.config.SettingChecks.optionalHost("advertisedHost", advertisedHost);
    org.sparrow.common.config.SettingChecks.port("port", port);
    org.sparrow.common.config.SettingChecks.port("internalPort", internalPort);
    org.sparrow.common.config.SettingChecks.metricsPort("metricsPort", metricsPort);
    org.sparrow.common.config.SettingChecks.atLeast("defaultJobTimeoutMs", defaultJobTimeoutMs, 0);
    org.sparrow.common.config.SettingChecks.range("maxTasksPerJob", maxTasksPerJob, 1, Integer.MAX_VALUE);
    org.sparrow.common.config.SettingChecks.atLeast("retainedJobs", retainedJobs, 0);
    org.sparrow.common.config.SettingChecks.atLeast("retainFinishedMs", retainFinishedMs, 0);
    org.sparrow.common.config.SettingChecks.range("rpcThreads", rpcThreads, 1, 1_024);
    org.sparrow.common.config.SettingChecks.range("serverThreads", serverThreads, 0, 1_024);
    org.sparrow.common.config.SettingChecks.range("connectTimeoutMs", connectTimeoutMs, 1, Integer.MAX_VALUE);
    org.sparrow.common.config.SettingChecks.range("tickMs", tickMs, 1, 60_000);
    org.sparrow.common.config.SettingChecks.range("livenessIntervalMs", livenessIntervalMs, 1, 60_000);
    org.sparrow.common.config.SettingChecks.range("pingTimeoutMs", pingTimeoutMs, 1, Integer.MAX_VALUE);
    org.sparrow.common.config.SettingChecks.range("drainTimeoutMs", drainTimeoutMs, 1, DAY_MS);
    org.sparrow.common.config.SettingChecks.range("drainGraceMs", drainGraceMs, 0, DAY_MS);
    org.sparrow.common.config.SettingChecks.range("frontendTimeoutMs", frontendTimeoutMs, 1, Integer.MAX_VALUE);
    org.sparrow.common.config.SettingChecks.range("maxQueuedNotices", maxQueuedNotices, 1, Integer.MAX_VALUE);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every setting at its default. */
  public static SchedulerConfig defaults() {
    return builder().build();
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Worker threads of the frontend server: {@link #serverThreads}, or max(4, cores) for 0. */
  public int serverThreadCount() {
    return serverThreads > 0 ? serverThreads : Math.max(4, Runtime.getRuntime().availableProcessors());
  }

  /**
   * The host others dial: {@link #advertisedHost}, else the bind host if it is a specific one,
   * else this machine's name.
   */
  public String effectiveAdvertisedHost() {
    if (advertisedHost != null) {
      return advertisedHost;
    }
    if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
      return bindHost;
    }
    try {
      return java.net.InetAddress.getLocalHost().getCanonicalHostName();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException("cannot tell this machine's name; set advertisedHost", e);
    }
  }

  /**
   * The {@link Scheduler} settings of this record on a new builder, for the daemon and the
   * simulator alike; the caller adds the collaborators.
   */
  public SchedulerBuilder schedulerBuilder() {
    return Scheduler.builder()
        .defaultJobTimeoutMs(defaultJobTimeoutMs)
        .maxTasksPerJob(maxTasksPerJob)
        .retainFinished(retainedJobs, retainFinishedMs);
  }

  /**
   * The arguments of {@code bin/sparrow scheduler} that give these settings (those at their
   * default are left out; {@code --bind} always, since the CLI's default bind address differs).
   * The YARN AM launches its scheduler containers with these.
   */
  public List<String> toArgs() {
    return new ArgsWriter<>(this, defaults())
        .always("--bind", SchedulerConfig::bindHost)
        .always("--host", SchedulerConfig::advertisedHost)
        .option("--port", SchedulerConfig::port)
        .option("--internal-port", SchedulerConfig::internalPort)
        .option("--metrics-port", SchedulerConfig::metricsPort)
        .option("--default-job-timeout-ms", SchedulerConfig::defaultJobTimeoutMs)
        .option("--max-tasks-per-job", SchedulerConfig::maxTasksPerJob)
        .option("--retained-jobs", SchedulerConfig::retainedJobs)
        .option("--retain-finished-ms", SchedulerConfig::retainFinishedMs)
        .option("--rpc-threads", SchedulerConfig::rpcThreads)
        .option("--server-threads", SchedulerConfig::serverThreads)
        .option("--connect-timeout-ms", SchedulerConfig::connectTimeoutMs)
        .option("--tick-ms", SchedulerConfig::tickMs)
        .option("--liveness-interval-ms", SchedulerConfig::livenessIntervalMs)
        .option("--ping-timeout-ms", SchedulerConfig::pingTimeoutMs)
        .option("--drain-timeout-ms", SchedulerConfig::drainTimeoutMs)
        .option("--drain-grace-ms", SchedulerConfig::drainGraceMs)
        .option("--frontend-timeout-ms", SchedulerConfig::frontendTimeoutMs)
        .option("--max-queued-notices", SchedulerConfig::maxQueuedNotices)
        .toggle("--no-jmx", SchedulerConfig::jmx)
        .args();
  }

  /** Builds a {@link SchedulerConfig}; defaults as documented on each method. */
  public static final class Builder {
    private String bindHost = "127.0.0.1";
    private String advertisedHost;
    private int port = DEFAULT_PORT;
    private int internalPort = DEFAULT_INTERNAL_PORT;
    private int metricsPort = -1;
    private long defaultJobTimeoutMs = 0;
    private int maxTasksPerJob = 100_000;
    private int retainedJobs = 1_000;
    private long retainFinishedMs = 600_000;
    private int rpcThreads = 8;
    private int serverThreads = 0;
    private int connectTimeoutMs = 1_000;
    private long tickMs = 100;
    private long livenessIntervalMs = 100;
    private int pingTimeoutMs = 1_000;
    private long drainTimeoutMs = 60_000;
    private long drainGraceMs = 1_000;
    private int frontendTimeoutMs = 2_000;
    private int maxQueuedNotices = 100_000;
    private boolean jmx = true;

    private Builder() {}

    private Builder(SchedulerConfig c) {
      bindHost = c.bindHost;
      advertisedHost = c.advertisedHost;
      port = c.port;
      internalPort = c.internalPort;
      metricsPort = c.metricsPort;
      defaultJobTimeoutMs = c.defaultJobTimeoutMs;
      maxTasksPerJob = c.maxTasksPerJob;
      retainedJobs = c.retainedJobs;
      retainFinishedMs = c.retainFinishedMs;
      rpcThreads = c.rpcThreads;
      serverThreads = c.serverThreads;
      connectTimeoutMs = c.connectTimeoutMs;
      tickMs = c.tickMs;
      livenessIntervalMs = c.livenessIntervalMs;
      pingTimeoutMs = c.pingTimeoutMs;
      drainTimeoutMs = c.drainTimeoutMs;
      drainGraceMs = c.drainGraceMs;
      frontendTimeoutMs = c.frontendTimeoutMs;
      maxQueuedNotices = c.maxQueuedNotices;
      jmx = c.jmx;
    }

    /** Interface to listen on (default 127.0.0.1; the CLI binds the advertised host). */
    public Builder bindHost(String h) {
      this.bindHost = h;
      return this;
    }

    /** Host others dial (default: the bind host, or this machine's name if binding to all). */
    public Builder advertisedHost(String h) {
      this.advertisedHost = h;
      return this;
    }

    /** SchedulerService port (default 20503; 0 = any free port). */
    public Builder port(int p) {
      this.port = p;
      return this;
    }

    /** SchedulerInternalService port (default 20507; 0 = any free port). */
    public Builder internalPort(int p) {
      this.internalPort = p;
      return this;
    }

    /** HTTP port of Prometheus {@code /metrics}; 0 = any free, -1 (the default) = none. */
    public Builder metricsPort(int p) {
      this.metricsPort = p;
      return this;
    }

    /** Deadline of jobs that set no timeoutMs, from submission (default 0 = none, as in the original). */
    public Builder defaultJobTimeoutMs(long ms) {
      this.defaultJobTimeoutMs = ms;
      return this;
    }

    /** Larger jobs are refused (default 100000). */
    public Builder maxTasksPerJob(int n) {
      this.maxTasksPerJob = n;
      return this;
    }

    /** Finished jobs whose status stays queryable, at most (default 1000). */
    public Builder retainedJobs(int jobs) {
      this.retainedJobs = jobs;
      return this;
    }

    /** How long a finished job's status stays queryable (default 600000 = 10 min). */
    public Builder retainFinishedMs(long ms) {
      this.retainFinishedMs = ms;
      return this;
    }

    /** Threads for outgoing RPCs: enqueue, cancel, load probes, frontend messages (default 8). */
    public Builder rpcThreads(int n) {
      this.rpcThreads = n;
      return this;
    }

    /** Worker threads of the frontend Thrift server (default 0 = max(4, cores) of the machine it runs on). */
    public Builder serverThreads(int n) {
      this.serverThreads = n;
      return this;
    }

    /** Connect timeout of outgoing RPCs (default 1000 ms). */
    public Builder connectTimeoutMs(int ms) {
      this.connectTimeoutMs = ms;
      return this;
    }

    /** How often deadlines and status retention are checked (default 100 ms). */
    public Builder tickMs(long ms) {
      this.tickMs = ms;
      return this;
    }

    /**
     * How often the node monitors holding this scheduler's work are pinged (default 250 ms). A
     * refused ping makes a node monitor suspect at once, three failed ones in a row otherwise;
     * its running tasks are then retried elsewhere.
     */
    public Builder livenessIntervalMs(long ms) {
      this.livenessIntervalMs = ms;
      return this;
    }

    /** How long one liveness ping may take (default 1000 ms). */
    public Builder pingTimeoutMs(int ms) {
      this.pingTimeoutMs = ms;
      return this;
    }

    /** How long a drain waits for active jobs (default 60 s; a drain flag may give its own). */
    public Builder drainTimeoutMs(long ms) {
      this.drainTimeoutMs = ms;
      return this;
    }

    /** Between deregistering and closing at the end of a drain, for the last notices (default 1 s). */
    public Builder drainGraceMs(long ms) {
      this.drainGraceMs = ms;
      return this;
    }

    /** How long one completion notice to a frontend may take (default 2000 ms). */
    public Builder frontendTimeoutMs(int ms) {
      this.frontendTimeoutMs = ms;
      return this;
    }

    /** Completion notices that may wait per frontend before new ones are dropped (default 100000). */
    public Builder maxQueuedNotices(int n) {
      this.maxQueuedNotices = n;
      return this;
    }

    /** Whether start() exposes the metrics over JMX (default true). */
    public Builder jmx(boolean on) {
      this.jmx = on;
      return this;
    }

    /** Checks the settings; errors name the bad one. */
    public SchedulerConfig build() {
      return new SchedulerConfig(bindHost, advertisedHost, port, internalPort, metricsPort, defaultJobTimeoutMs,
          maxTasksPerJob, retainedJobs, retainFinishedMs, rpcThreads, serverThreads, connectTimeoutMs, tickMs,
          livenessIntervalMs, pingTimeoutMs, drainTimeoutMs, drainGraceMs, frontendTimeoutMs, maxQueuedNotices,
          jmx);
    }
  }
}
