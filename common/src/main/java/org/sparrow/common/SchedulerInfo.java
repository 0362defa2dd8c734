package org.sparrow.common;

import java.util.Objects;

/**
 * What a scheduler announces about itself in the membership plane.
 *
 * @param id           unique among live schedulers ("host:port")
 * @param host         address frontends and node monitors dial
 * @param port         SchedulerService (frontends submit jobs here)
 * @param internalPort SchedulerInternalService (node monitors ask for tasks, report completion)
 * @param bootId       random per process start ("" when unknown): tells a restarted scheduler
 *                     on the same address from the process that was there before
 * @param metricsPort  HTTP port of its Prometheus {@code /metrics}; 0 = none
 * @param maxRequestBytes largest submit frame its SchedulerService reads; 0 = not advertised
 *                     (entries of older daemons)
 * @param maxTasksPerJob  largest job it accepts, in tasks; 0 = not advertised
 */
public record SchedulerInfo(String id, String host, int port, int internalPort, String bootId,
    int metricsPort, int maxRequestBytes, int maxTasksPerJob) {

  public SchedulerInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
    bootId = bootId == null ? "" : bootId;
    maxRequestBytes = Math.max(0, maxRequestBytes);
    maxTasksPerJob = Math.max(0, maxTasksPerJob);
  }

  /** Without advertised request limits (entries of older daemons). */
  public SchedulerInfo(String id, String host, int port, int internalPort, String bootId,
      int metricsPort) {
    this(id, host, port, internalPort, bootId, metricsPort, 0, 0);
  }

  /** Without a boot id (tests, entries of older daemons). */
  public SchedulerInfo(String id, String host, int port, int internalPort) {
    this(id, host, port, internalPort, "", 0);
  }

  /** Without a metrics endpoint. */
  public SchedulerInfo(String id, String host, int port, int internalPort, String bootId) {
    this(id, host, port, internalPort, bootId, 0);
  }

  public HostPort address() {
    return new HostPort(host, port);
  }

  public HostPort internalAddress() {
    return new HostPort(host, internalPort);
  }
}
