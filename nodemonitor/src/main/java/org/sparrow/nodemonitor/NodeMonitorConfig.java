package org.sparrow.nodemonitor;

import static org.sparrow.common.config.SettingChecks.atLeast;
import static org.sparrow.common.config.SettingChecks.host;
import static org.sparrow.common.config.SettingChecks.optionalHost;
import static org.sparrow.common.config.SettingChecks.port;
import static org.sparrow.common.config.SettingChecks.range;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.sparrow.common.Clock;
import org.sparrow.common.config.ArgsWriter;
import org.sparrow.nodemonitor.launch.BuiltInTaskLimits;
import org.sparrow.nodemonitor.queue.QueuePolicies;

/**
 * Everything an operator sets on a node monitor, validated in one place. The daemon, the CLI
 * ({@code bin/sparrow nodemonitor}), {@code LocalCluster}, the YARN AM (through {@link #toArgs})
 * and the simulator build one of these, so a new setting is added here (a component, a builder
 * method with its default, its check, its flag in {@link #toArgs}) and in the CLI's option for
 * it; the round-trip test of the CLI fails until both are there. Runtime collaborators
 * (directory, clock, metrics, class loader, queue policies, what to do on a fatal error) stay on
 * {@link NodeMonitorDaemon.Builder}. The settings, flags and defaults are listed in
 * docs/configuration.md.
 *
 * @param slots                  tasks run at once
 * @param bindHost               interface both services listen on
 * @param advertisedHost         host others dial (part of the id); null: bindHost if specific,
 *                               else this host's name
 * @param internalPort           NodeMonitorInternalService port (schedulers); 0 = any free
 * @param backendPort            NodeMonitorService port (application backends); 0 = any free
 * @param metricsPort            HTTP port of Prometheus /metrics; 0 = any free, -1 = none
 * @param attributes             key=value labels job and task constraints match against
 * @param allowCommand           whether {@code command} tasks may run here
 * @param commandTimeoutMs       command tasks running longer are killed and fail
 * @param maxOutputBytes         bound on reported command output and failure messages
 * @param queuePolicy            queue policy of this node whatever the cluster settings say;
 *                               null: follow the cluster settings
 * @param cancelTombstoneTtl     how long a cancelled request id is remembered
 * @param connectTimeoutMs       connect timeout towards schedulers and backends
 * @param rpcTimeoutMs           read timeout of calls to schedulers and backends
 * @param drainTimeoutMs         how long a drain lets running tasks finish when its caller names
 *                               no timeout
 * @param getTasksTimeoutMs      how long claimed slots wait for a scheduler's getTasks answer
 * @param slowSchedulerBackoffMs how long a scheduler that missed that deadline lets others go first
 * @param lateAnswerWindowMs     how long an unanswered getTasks is asked again for its answer
 */
public record NodeMonitorConfig(int slots, String bindHost, String advertisedHost, int internalPort,
    int backendPort, int metricsPort, Map<String, String> attributes, boolean allowCommand,
    long commandTimeoutMs, int maxOutputBytes, String queuePolicy, Duration cancelTombstoneTtl,
    int connectTimeoutMs, int rpcTimeoutMs, long drainTimeoutMs, int getTasksTimeoutMs,
    long slowSchedulerBackoffMs, long lateAnswerWindowMs) {

  public static final int DEFAULT_BACKEND_PORT = 20501;
  public static final int DEFAULT_INTERNAL_PORT = 20502;
  public static final long DEFAULT_DRAIN_TIMEOUT_MS = 30_000;

  private static final long DAY_MS = 86_400_000L;

  /** Checks every setting; the message names the bad one and its valid range. */
  public NodeMonitorConfig {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    org.sparrow.common.config.SettingChecks.range("slots", slots, 1, 100_000);
    org.sparrow.common.config.SettingChecks.host("bindHost", bindHost);
    org.sparrow.common.config.SettingChecks.optionalHost("advertisedHost", advertisedHost);
    org.sparrow.common.config.SettingChecks.port("internalPort", internalPort);
    org.sparrow.common.config.SettingChecks.port("backendPort", backendPort);
    org.sparrow.common.config.SettingChecks.metricsPort("metricsPort", metricsPort);
    org.sparrow.common.config.SettingChecks.range("commandTimeoutMs", commandTimeoutMs, 1, Long.MAX_VALUE);
    org.sparrow.common.config.SettingChecks.range("maxOutputBytes", maxOutputBytes, 1, Integer.MAX_VALUE);
    if (queuePolicy != null && queuePolicy.isBlank()) {
      throw new IllegalArgumentException("queuePolicy must be a policy name or absent, got '" + queuePolicy + "'");
    }
    if (cancelTombstoneTtl == null) {
      throw new IllegalArgumentException("cancelTombstoneTtl must be at least 1 ms, got null");
    }
    org.sparrow.common.config.SettingChecks.range("cancelTombstoneTtl (ms)", cancelTombstoneTtl.toMillis(), 1, DAY_MS);
    org.sparrow.common.config.SettingChecks.range("connectTimeoutMs", connectTimeoutMs, 1, Integer.MAX_VALUE);
    org.sparrow.common.config.SettingChecks.range("rpcTimeoutMs", rpcTimeoutMs, 1, Integer.MAX_VALUE);
    org.sparrow.common.config.SettingChecks.range("drainTimeoutMs", drainTimeoutMs, 1, DAY_MS);
    org.sparrow.common.config.SettingChecks.range("getTasksTimeoutMs", getTasksTimeoutMs, 1, Integer.MAX_VALUE);
    org.sparrow.common.config.SettingChecks.atLeast("slowSchedulerBackoffMs", slowSchedulerBackoffMs, 0);
    org.sparrow.common.config.SettingChecks.atLeast("lateAnswerWindowMs", lateAnswerWindowMs, 0);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Every setting at its default (slots: this machine's processors). */
  public static NodeMonitorConfig defaults() {
    return builder().build();
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder().from(this);
  }

  /** Also checks {@link #queuePolicy} against the policies this node monitor knows. */
  public NodeMonitorConfig checkedAgainst(QueuePolicies policies) {
    if (queuePolicy != null) {
      policies.get(queuePolicy);  // fails loudly, listing the valid names
    }
    return this;
  }

  /** The host others dial: {@link #advertisedHost}, else the bind host if specific, else this host's name. */
  public String effectiveAdvertisedHost() {
    if (advertisedHost != null) {
      return advertisedHost;
    }
    if (!"0.0.0.0".equals(bindHost) && !"::".equals(bindHost)) {
      return bindHost;
    }
    try {
      return java.net.InetAddress.getLocalHost().getCanonicalHostName();
    } catch (java.io.IOException e) {
      return "127.0.0.1";
    }
  }

  /**
   * The {@link NodeMonitorCore} settings of this record on a new builder, for the daemon and the
   * simulator alike; the caller adds the queue, fetcher, launcher, sink and returner.
   */
  public NodeMonitorCoreBuilder coreBuilder(Clock clock) {
    return NodeMonitorCore.builder()
        .slots(slots)
        .clock(clock)
        .tombstones(new CancellationTombstones(clock, cancelTombstoneTtl, CancellationTombstones.DEFAULT_MAX_ENTRIES))
        .slowSchedulerBackoff(Duration.ofMillis(slowSchedulerBackoffMs));
  }

  /**
   * The arguments of {@code bin/sparrow nodemonitor} that give these settings (those at their
   * default are left out; {@code --slots} and {@code --bind} always, since their defaults depend
   * on the machine and on the CLI). The YARN AM launches its node monitor containers with these.
   */
  public List<String> toArgs() {
    return new ArgsWriter<>(this, defaults())
        .always("--bind", NodeMonitorConfig::bindHost)
        .always("--host", NodeMonitorConfig::advertisedHost)
        .always("--slots", NodeMonitorConfig::slots)
        .option("--internal-port", NodeMonitorConfig::internalPort)
        .option("--backend-port", NodeMonitorConfig::backendPort)
        .option("--metrics-port", NodeMonitorConfig::metricsPort)
        .entries("--attribute", NodeMonitorConfig::attributes)
        .toggle("--allow-command", NodeMonitorConfig::allowCommand)
        .option("--command-timeout-ms", NodeMonitorConfig::commandTimeoutMs)
        .option("--max-output-bytes", NodeMonitorConfig::maxOutputBytes)
        .option("--queue-policy", NodeMonitorConfig::queuePolicy)
        .option("--cancel-tombstone-ttl-ms", c -> c.cancelTombstoneTtl().toMillis())
        .option("--connect-timeout-ms", NodeMonitorConfig::connectTimeoutMs)
        .option("--rpc-timeout-ms", NodeMonitorConfig::rpcTimeoutMs)
        .option("--drain-timeout-ms", NodeMonitorConfig::drainTimeoutMs)
        .option("--get-tasks-timeout-ms", NodeMonitorConfig::getTasksTimeoutMs)
        .option("--slow-scheduler-backoff-ms", NodeMonitorConfig::slowSchedulerBackoffMs)
        .option("--late-answer-window-ms", NodeMonitorConfig::lateAnswerWindowMs)
        .args();
  }

  /** Builds a {@link NodeMonitorConfig}; defaults as documented on each method. */
  public static final class Builder {
    private int slots = Runtime.getRuntime().availableProcessors();
    private String bindHost = "127.0.0.1";
    private String advertisedHost;
    private int internalPort = DEFAULT_INTERNAL_PORT;
    private int backendPort = DEFAULT_BACKEND_PORT;
    private int metricsPort = -1;
    private Map<String, String> attributes = Map.of();
    private boolean allowCommand;
    private long commandTimeoutMs = BuiltInTaskLimits.DEFAULT_COMMAND_TIMEOUT_MS;
    private int maxOutputBytes = BuiltInTaskLimits.DEFAULT_MAX_OUTPUT_BYTES;
    private String queuePolicy;
    private Duration cancelTombstoneTtl = CancellationTombstones.DEFAULT_TTL;
    private int connectTimeoutMs = 2_000;
    private int rpcTimeoutMs = 10_000;
    private long drainTimeoutMs = DEFAULT_DRAIN_TIMEOUT_MS;
    private int getTasksTimeoutMs = 1_000;
    private long slowSchedulerBackoffMs = NodeMonitorCore.DEFAULT_SLOW_SCHEDULER_BACKOFF.toMillis();
    private long lateAnswerWindowMs = 60_000;

    private Builder() {}

    /** Tasks run at once. Default: available processors. */
    public Builder slots(int slots) {
      this.slots = slots;
      return this;
    }

    /** Interface both services listen on. Default 127.0.0.1 (the CLI binds the advertised host). */
    public Builder bindHost(String host) {
      this.bindHost = host;
      return this;
    }

    /** Host others dial (part of the id). Default: bindHost if specific, else this host's name. */
    public Builder advertisedHost(String host) {
      this.advertisedHost = host;
      return this;
    }

    /** NodeMonitorInternalService port (schedulers); 0 = any free. Default 20502. */
    public Builder internalPort(int port) {
      this.internalPort = port;
      return this;
    }

    /** NodeMonitorService port (application backends); 0 = any free. Default 20501. */
    public Builder backendPort(int port) {
      this.backendPort = port;
      return this;
    }

    /** HTTP port of Prometheus {@code /metrics}; 0 = any free, -1 (the default) = none. */
    public Builder metricsPort(int port) {
      this.metricsPort = port;
      return this;
    }

    /** key=value labels job and task constraints match against. */
    public Builder attributes(Map<String, String> attributes) {
      this.attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
      return this;
    }

    /** Whether {@code command} tasks (arbitrary shell commands) may run here. Default false. */
    public Builder allowCommand(boolean allow) {
      this.allowCommand = allow;
      return this;
    }

    /** Command tasks running longer are killed and fail. Default 60 s. */
    public Builder commandTimeoutMs(long ms) {
      this.commandTimeoutMs = ms;
      return this;
    }

    /** Bound on reported command output and failure messages. Default 4096. */
    public Builder maxOutputBytes(int bytes) {
      this.maxOutputBytes = bytes;
      return this;
    }

    /**
     * Queue policy of this node (see {@link QueuePolicies}), whatever the cluster settings say.
     * Default: none, follow the cluster settings (fifo unless changed).
     */
    public Builder queuePolicy(String policy) {
      this.queuePolicy = policy;
      return this;
    }

    /** How long a cancelled request id is remembered (to discard a late enqueue). Default 60 s. */
    public Builder cancelTombstoneTtl(Duration ttl) {
      this.cancelTombstoneTtl = ttl;
      return this;
    }

    /** Connect timeout towards schedulers and backends. Default 2000 ms. */
    public Builder connectTimeoutMs(int ms) {
      this.connectTimeoutMs = ms;
      return this;
    }

    /** Read timeout of calls to schedulers and backends. Default 10000 ms. */
    public Builder rpcTimeoutMs(int ms) {
      this.rpcTimeoutMs = ms;
      return this;
    }

    /** How long a drain lets running tasks finish when its caller names no timeout. Default 30 s. */
    public Builder drainTimeoutMs(long ms) {
      this.drainTimeoutMs = ms;
      return this;
    }

    /**
     * The getTasks deadline: claimed slots wait at most this long for a scheduler's answer, then
     * go to other reservations (the scheduler is asked again in the background). Default 1000.
     */
    public Builder getTasksTimeoutMs(int ms) {
      this.getTasksTimeoutMs = ms;
      return this;
    }

    /** How long a scheduler that missed the getTasks deadline lets others go first. Default 5000. */
    public Builder slowSchedulerBackoffMs(long ms) {
      this.slowSchedulerBackoffMs = ms;
      return this;
    }

    /** How long an unanswered getTasks is asked again for its answer. Default 60000. */
    public Builder lateAnswerWindowMs(long ms) {
      this.lateAnswerWindowMs = ms;
      return this;
    }

    /** Starts from the settings of {@code c}. */
    public Builder from(NodeMonitorConfig c) {
      slots = c.slots;
      bindHost = c.bindHost;
      advertisedHost = c.advertisedHost;
      internalPort = c.internalPort;
      backendPort = c.backendPort;
      metricsPort = c.metricsPort;
      attributes = c.attributes;
      allowCommand = c.allowCommand;
      commandTimeoutMs = c.commandTimeoutMs;
      maxOutputBytes = c.maxOutputBytes;
      queuePolicy = c.queuePolicy;
      cancelTombstoneTtl = c.cancelTombstoneTtl;
      connectTimeoutMs = c.connectTimeoutMs;
      rpcTimeoutMs = c.rpcTimeoutMs;
      drainTimeoutMs = c.drainTimeoutMs;
      getTasksTimeoutMs = c.getTasksTimeoutMs;
      slowSchedulerBackoffMs = c.slowSchedulerBackoffMs;
      lateAnswerWindowMs = c.lateAnswerWindowMs;
      return this;
    }

    /** Checks the settings; errors name the bad one. */
    public NodeMonitorConfig build() {
      return new NodeMonitorConfig(slots, bindHost, advertisedHost, internalPort, backendPort, metricsPort,
          attributes, allowCommand, commandTimeoutMs, maxOutputBytes, queuePolicy, cancelTombstoneTtl,
          connectTimeoutMs, rpcTimeoutMs, drainTimeoutMs, getTasksTimeoutMs, slowSchedulerBackoffMs,
          lateAnswerWindowMs);
    }
  }
}
