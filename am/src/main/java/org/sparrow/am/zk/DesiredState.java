package org.sparrow.am.zk;

/**
 * What the operator wants of one YARN deployment, kept in ZooKeeper so that it outlives an AM
 * attempt (a restarted AM resumes the last resize, not the submit-time sizes) and so that
 * {@code sparrow yarn resize|stop} reach the AM without a route to its host.
 *
 * @param applicationId the YARN application that owns the cluster name
 * @param schedulers    scheduler containers wanted
 * @param nodeMonitors  node-monitor containers wanted
 * @param stopRequested the operator asked the application to stop
 */
public record DesiredState(String applicationId, int schedulers, int nodeMonitors, boolean stopRequested) {

  public DesiredState {
    if (applicationId == null || applicationId.isBlank()) {
      throw new IllegalArgumentException("desired state without an application id");
    }
    if (schedulers < 0 || nodeMonitors < 0) {
      throw new IllegalArgumentException("container counts must be >= 0, got schedulers=" + schedulers
          + ", nodeMonitors=" + nodeMonitors);
    }
  }

  public DesiredState withSchedulers(int n) {
    return new DesiredState(applicationId, n, nodeMonitors, stopRequested);
  }

  public DesiredState withNodeMonitors(int n) {
    return new DesiredState(applicationId, schedulers, n, stopRequested);
  }

  public DesiredState stopped() {
    return new DesiredState(applicationId, schedulers, nodeMonitors, true);
  }
}
