package org.sparrow.am.zk;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the operator wants of one YARN deployment, kept in ZooKeeper so that it outlives an AM
 * attempt (a restarted AM resumes the last resize, not the submit-time sizes) and so that
 * {@code sparrow yarn resize|stop} reach the AM without a route to its host. It also carries
 * what must survive an AM restart or the AM itself: the container-failure accounting (the
 * failure limit is per application, not per attempt) and the staging directory (so that
 * {@code stop} and {@code status} can remove it when the AM could not).
 *
 * @param applicationId  the YARN application that owns the cluster name
 * @param schedulers     scheduler containers wanted
 * @param nodeMonitors   node-monitor containers wanted
 * @param stopRequested  the operator asked the application to stop
 * @param failures       container failures counted so far, over every attempt
 * @param recentFailures the most recent failures, one line each
 * @param stagingDir     the application's staging directory (null: unknown)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DesiredState(String applicationId, int schedulers, int nodeMonitors, boolean stopRequested,
    int failures, List<String> recentFailures, String stagingDir) {

  public DesiredState {
    if (applicationId == null || applicationId.isBlank()) {
      throw new IllegalArgumentException("desired state without an application id");
    }
    if (schedulers < 0 || nodeMonitors < 0) {
      throw new IllegalArgumentException("container counts must be >= 0, got schedulers=" + schedulers
          + ", nodeMonitors=" + nodeMonitors);
    }
    recentFailures = recentFailures == null ? List.of() : List.copyOf(recentFailures);
  }

  public DesiredState(String applicationId, int schedulers, int nodeMonitors, boolean stopRequested) {
    this(applicationId, schedulers, nodeMonitors, stopRequested, 0, List.of(), null);
  }

  public DesiredState withSchedulers(int n) {
    return new DesiredState(applicationId, n, nodeMonitors, stopRequested, failures, recentFailures, stagingDir);
  }

  public DesiredState withNodeMonitors(int n) {
    return new DesiredState(applicationId, schedulers, n, stopRequested, failures, recentFailures, stagingDir);
  }

  public DesiredState stopped() {
    return new DesiredState(applicationId, schedulers, nodeMonitors, true, failures, recentFailures, stagingDir);
  }

  public DesiredState withFailures(int count, List<String> recent) {
    return new DesiredState(applicationId, schedulers, nodeMonitors, stopRequested, count, recent, stagingDir);
  }

  public DesiredState withStagingDir(String dir) {
    return new DesiredState(applicationId, schedulers, nodeMonitors, stopRequested, failures, recentFailures, dir);
  }
}
