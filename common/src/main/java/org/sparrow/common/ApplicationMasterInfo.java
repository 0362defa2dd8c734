package org.sparrow.common;

import java.util.Objects;

/**
 * A cluster's YARN ApplicationMaster as it announces itself in ZooKeeper (while it runs), so
 * that scrapers and tools find its HTTP port: its status pages and Prometheus {@code /metrics}
 * are there, as at its tracking URL.
 *
 * @param attemptId the YARN application attempt, e.g. appattempt_1700000000000_0001_000002
 * @param host      the host the AM's HTTP server is reached at
 * @param httpPort  the port of its status pages and {@code /metrics}
 */
public record ApplicationMasterInfo(String attemptId, String host, int httpPort) {

  public ApplicationMasterInfo {
    Objects.requireNonNull(attemptId, "attemptId");
    Objects.requireNonNull(host, "host");
    if (httpPort <= 0 || httpPort > 65535) {
      throw new IllegalArgumentException("ApplicationMaster httpPort must be 1..65535, got " + httpPort);
    }
  }
}
