package org.sparrow.nodemonitor;

import java.time.Duration;
import java.util.Map;
import org.sparrow.nodemonitor.queue.QueuePolicies;
import org.sparrow.nodemonitor.task.InProcessTaskLauncher;

/**
 * Everything an operator sets on a node monitor, validated in one place. The daemon, the CLI,
 * {@code LocalCluster} and the simulator build one of these, so a new setting is added here (a
 * component, a builder method, its check) and reaches every way of starting a node monitor.
 * Runtime collaborators (directory, clock, metrics, class loader) stay on
 * {@link NodeMonitorDaemon.Builder}.
 *
 * @param slots              tasks run at once
 * @param bindHost           interface both services listen on
 * @param advertisedHost     host others dial (part of the id); null: bindHost if specific, else
 *                           this host's name
 * @param internalPort       NodeMonitorInternalService port (schedulers); 0 = any free
 * @param backendPort        NodeMonitorService port (application backends); 0 = any free
 * @param attributes         key=value labels job and task constraints match against
 * @param allowCommand       whether {@code command} tasks may run here
 * @param commandTimeoutMs   command tasks running longer are killed and fail
 * @param maxOutputBytes     bound on reported command output and failure messages
 * @param queuePolicy        queue policy of this node whatever the cluster settings say; null:
 *                           follow the cluster settings
 * @param cancelTombstoneTtl how long a cancelled request id is remembered
 * @param connectTimeoutMs   connect timeout towards schedulers and backends
 * @param rpcTimeoutMs       read timeout of calls to schedulers and backends
 */
public record NodeMonitorConfig(int slots, String bindHost, String advertisedHost, int internalPort,
    int backendPort, Map<String, String> attributes, boolean allowCommand, long commandTimeoutMs,
    int maxOutputBytes, String queuePolicy, Duration cancelTombstoneTtl, int connectTimeoutMs,
    int rpcTimeoutMs) {

  public static final int DEFAULT_BACKEND_PORT = 20501;
  public static final int DEFAULT_INTERNAL_PORT = 20502;

  /** Checks every setting; the message names the bad one. */
  public NodeMonitorConfig {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    if (slots <= 0) {
      throw new IllegalArgumentException("slots must be at least 1, got " + slots);
    }
    checkPort("internalPort", internalPort);
    checkPort("backendPort", backendPort);
    if (bindHost == null || bindHost.isBlank()) {
      throw new IllegalArgumentException("bindHost is empty");
    }
    if (advertisedHost != null && advertisedHost.isBlank()) {
      throw new IllegalArgumentException("advertisedHost is empty");
    }
    if (commandTimeoutMs <= 0) {
      throw new IllegalArgumentException("commandTimeoutMs must be positive, got " + commandTimeoutMs);
    }
    if (maxOutputBytes <= 0) {
      throw new IllegalArgumentException("maxOutputBytes must be positive, got " + maxOutputBytes);
    }
    if (connectTimeoutMs <= 0 || rpcTimeoutMs <= 0) {
      throw new IllegalArgumentException("connect and rpc timeouts must be positive");
    }
    if (cancelTombstoneTtl == null || cancelTombstoneTtl.isNegative() || cancelTombstoneTtl.isZero()) {
      throw new IllegalArgumentException("cancelTombstoneTtl must be positive, got " + cancelTombstoneTtl);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Also checks {@link #queuePolicy} against the policies this node monitor knows. */
  NodeMonitorConfig checkedAgainst(QueuePolicies policies) {
    if (queuePolicy != null) {
      policies.get(queuePolicy);  // fails loudly, listing the valid names
    }
    return this;
  }

  private static void checkPort(String name, int port) {
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException(name + " " + port + " is outside 0..65535");
    }
  }

  /** Builds a {@link NodeMonitorConfig}; defaults as documented on each method. */
  public static final class Builder {
    private int slots = Runtime.getRuntime().availableProcessors();
    private String bindHost = "127.0.0.1";
    private String advertisedHost;
    private int internalPort = DEFAULT_INTERNAL_PORT;
    private int backendPort = DEFAULT_BACKEND_PORT;
    private Map<String, String> attributes = Map.of();
    private boolean allowCommand;
    private long commandTimeoutMs = InProcessTaskLauncher.DEFAULT_COMMAND_TIMEOUT_MS;
    private int maxOutputBytes = InProcessTaskLauncher.DEFAULT_MAX_OUTPUT_BYTES;
    private String queuePolicy;
    private Duration cancelTombstoneTtl = CancellationTombstones.DEFAULT_TTL;
    private int connectTimeoutMs = 2_000;
    private int rpcTimeoutMs = 10_000;

    private Builder() {}

    /** Tasks run at once. Default: available processors. */
    public Builder slots(int slots) {
      this.slots = slots;
      return this;
    }

    /** Interface both services listen on. Default 0.0.0.0. */
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

    /** Starts from the settings of {@code c}. */
    public Builder from(NodeMonitorConfig c) {
      slots = c.slots;
      bindHost = c.bindHost;
      advertisedHost = c.advertisedHost;
      internalPort = c.internalPort;
      backendPort = c.backendPort;
      attributes = c.attributes;
      allowCommand = c.allowCommand;
      commandTimeoutMs = c.commandTimeoutMs;
      maxOutputBytes = c.maxOutputBytes;
      queuePolicy = c.queuePolicy;
      cancelTombstoneTtl = c.cancelTombstoneTtl;
      connectTimeoutMs = c.connectTimeoutMs;
      rpcTimeoutMs = c.rpcTimeoutMs;
      return this;
    }

    /** Checks the settings; errors name the bad one. */
    public NodeMonitorConfig build() {
      return new NodeMonitorConfig(slots, bindHost, advertisedHost, internalPort, backendPort, attributes,
          allowCommand, commandTimeoutMs, maxOutputBytes, queuePolicy, cancelTombstoneTtl, connectTimeoutMs,
          rpcTimeoutMs);
    }
  }
}
