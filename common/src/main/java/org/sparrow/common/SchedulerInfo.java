package org.sparrow.common;

import java.util.Objects;

/**
 * What a scheduler announces about itself in the membership plane.
 *
 * @param id           unique among live schedulers ("host:port")
 * @param host         address frontends and node monitors dial
 * @param port         SchedulerService (frontends submit jobs here)
 * @param internalPort SchedulerInternalService (node monitors ask for tasks, report completion)
 */
public record SchedulerInfo(String id, String host, int port, int internalPort) {

  public SchedulerInfo {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(host, "host");
  }

  public HostPort address() {
    return new HostPort(host, port);
  }

  public HostPort internalAddress() {
    return new HostPort(host, internalPort);
  }
}
