package org.sparrow.common;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a node monitor announces about itself in the membership plane.
 *
 * @param id             stable identity, also what schedulers put in reservations ("host:internalPort")
 * @param host           address schedulers and backends dial
 * @param internalPort   NodeMonitorInternalService (schedulers enqueue, cancel, probe load)
 * @param backendPort    NodeMonitorService (application backends register, report, relay)
 * @param slots          tasks it runs at once
 * @param attributes     key=value labels that job and task constraints match against
 * @param backendApps    apps with a registered application backend on this node monitor
 * @param commandEnabled whether the built-in {@code command} task kind may run here
 * @param bootId         random per process start ("" when unknown, e.g. written by an older
 *                       daemon): tells a restarted node monitor on the same host:port from the
 *                       process that was there before, so a scheduler can ignore the old one's
 *                       departure, reports and requests
 * @param metricsPort    HTTP port of its Prometheus {@code /metrics}; 0 = none
 */
public record NodeMonitorInfo(
    String id,
    String host,
    int internalPort,
    int backendPort,
    int slots,
    Map<String, String> attributes,
    Set<String> backendApps,
    boolean commandEnabled,
    String bootId,
    int metricsPort) {

  public NodeMonitorInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    if (slots <= 0) {
      throw new IllegalArgumentException("node monitor " + id + " has " + slots + " slots; needs at least 1");
    }
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    backendApps = backendApps == null ? Set.of() : Set.copyOf(backendApps);
    bootId = bootId == null ? "" : bootId;
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new IllegalArgumentException("node monitor " + id + " has metrics port " + metricsPort);
    }
  }

  /** Without a boot id (tests, simulations, entries of older daemons). */
  public NodeMonitorInfo(String id, String host, int internalPort, int backendPort, int slots,
      Map<String, String> attributes, Set<String> backendApps, boolean commandEnabled) {
    this(id, host, internalPort, backendPort, slots, attributes, backendApps, commandEnabled, "", 0);
  }

  /** Without a metrics endpoint. */
  public NodeMonitorInfo(String id, String host, int internalPort, int backendPort, int slots,
      Map<String, String> attributes, Set<String> backendApps, boolean commandEnabled, String bootId) {
    this(id, host, internalPort, backendPort, slots, attributes, backendApps, commandEnabled, bootId, 0);
  }

  public HostPort internalAddress() {
    return new HostPort(host, internalPort);
  }

  public HostPort backendAddress() {
    return new HostPort(host, backendPort);
  }

  public NodeMonitorInfo withBackendApps(Set<String> apps) {
    return new NodeMonitorInfo(id, host, internalPort, backendPort, slots, attributes, apps,
        commandEnabled, bootId, metricsPort);
  }
}
