package org.sparrow.scheduler;

/**
 * Everything an operator sets on a scheduler, validated in one place. The daemon, the CLI and
 * {@code LocalCluster} build one of these, so a new setting is added here (a component, a
 * builder method, its check) and reaches every way of starting a scheduler. Runtime
 * collaborators (directory, random, clock, metrics, policies) stay on
 * {@link SchedulerDaemon.Builder}.
 *
 * @param bindHost            interface to listen on
 * @param advertisedHost      host others dial; null: the bind host, or this machine's name
 * @param port                SchedulerService port (0 = any free)
 * @param internalPort        SchedulerInternalService port (0 = any free)
 * @param defaultJobTimeoutMs deadline of jobs that set no timeoutMs (0 = none, as in the original)
 * @param maxTasksPerJob      larger jobs are refused
 * @param retainedJobs        finished jobs whose status stays queryable, at most
 * @param retainFinishedMs    and for how long
 * @param rpcThreads          threads for outgoing RPCs
 * @param serverThreads       worker threads of each Thrift server
 * @param connectTimeoutMs    connect timeout of outgoing RPCs
 * @param tickMs              how often deadlines and status retention are checked
 * @param jmx                 whether start() exposes the metrics over JMX
 */
public record SchedulerConfig(String bindHost, String advertisedHost, int port, int internalPort,
    long defaultJobTimeoutMs, int maxTasksPerJob, int retainedJobs, long retainFinishedMs, int rpcThreads,
    int serverThreads, int connectTimeoutMs, long tickMs, boolean jmx) {

  public static final int DEFAULT_PORT = 20503;
  public static final int DEFAULT_INTERNAL_PORT = 20507;

  /** Checks every setting; the message names the bad one. */
  public SchedulerConfig {
    if (bindHost == null || bindHost.isBlank()) {
      throw new IllegalArgumentException("bindHost is empty");
    }
    if (advertisedHost != null && advertisedHost.isBlank()) {
      throw new IllegalArgumentException("advertisedHost is empty");
    }
    checkPort("port", port);
    checkPort("internalPort", internalPort);
    if (rpcThreads <= 0 || serverThreads <= 0 || tickMs <= 0) {
      throw new IllegalArgumentException("rpcThreads, serverThreads and tickMs must be positive");
    }
    if (defaultJobTimeoutMs < 0 || maxTasksPerJob <= 0) {
      throw new IllegalArgumentException("defaultJobTimeoutMs must not be negative (0 = no default deadline) and maxTasksPerJob must be positive");
    }
    if (retainedJobs < 0 || retainFinishedMs < 0) {
      throw new IllegalArgumentException("retainFinished jobs and ms must not be negative");
    }
    if (connectTimeoutMs <= 0) {
      throw new IllegalArgumentException("connectTimeoutMs must be positive, got " + connectTimeoutMs);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " " + port + " is outside 0..65535");
    }
  }

  /** Builds a {@link SchedulerConfig}; defaults as documented on each method. */
  public static final class Builder {
    private String bindHost = "127.0.0.1";
    private String advertisedHost;
    private int port = DEFAULT_PORT;
    private int internalPort = DEFAULT_INTERNAL_PORT;
    private long defaultJobTimeoutMs = 0;
    private int maxTasksPerJob = 100_000;
    private int retainedJobs = 1_000;
    private long retainFinishedMs = 600_000;
    private int rpcThreads = 8;
    private int serverThreads = Math.max(4, Runtime.getRuntime().availableProcessors());
    private int connectTimeoutMs = 1_000;
    private long tickMs = 100;
    private boolean jmx = true;

    private Builder() {}

    /** Interface to listen on (default 0.0.0.0). */
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

    /** Deadline of jobs that set no timeoutMs (default 300000). */
    public Builder defaultJobTimeoutMs(long ms) {
      this.defaultJobTimeoutMs = ms;
      return this;
    }

    /** Larger jobs are refused (default 100000). */
    public Builder maxTasksPerJob(int n) {
      this.maxTasksPerJob = n;
      return this;
    }

    /** Finished jobs whose status stays queryable: at most {@code jobs}, for {@code ms} (1000, 10 min). */
    public Builder retainFinished(int jobs, long ms) {
      this.retainedJobs = jobs;
      this.retainFinishedMs = ms;
      return this;
    }

    /** Threads for outgoing RPCs: enqueue, cancel, load probes, frontend messages (default 8). */
    public Builder rpcThreads(int n) {
      this.rpcThreads = n;
      return this;
    }

    /** Worker threads of each Thrift server (default max(4, cores)). */
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

    /** Whether start() exposes the metrics over JMX (default true). */
    public Builder jmx(boolean on) {
      this.jmx = on;
      return this;
    }

    /** Checks the settings; errors name the bad one. */
    public SchedulerConfig build() {
      return new SchedulerConfig(bindHost, advertisedHost, port, internalPort, defaultJobTimeoutMs,
          maxTasksPerJob, retainedJobs, retainFinishedMs, rpcThreads, serverThreads, connectTimeoutMs, tickMs, jmx);
    }
  }
}
