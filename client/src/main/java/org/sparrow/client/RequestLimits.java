package org.sparrow.client;

import java.util.Collection;
import java.util.Optional;
import org.sparrow.common.SchedulerInfo;

/**
 * The request limits the registered schedulers advertise in their ZooKeeper entries (largest
 * submit frame, most tasks per job), checked before a job is sent. The submitter may pick any
 * registered scheduler, so the limit that applies is the smallest advertised one; a scheduler
 * that advertises nothing (an older daemon) contributes nothing, and the client's own frame limit
 * always applies.
 *
 * @param maxRequestBytes largest submit frame, in bytes
 * @param maxTasksPerJob  most tasks per job; {@link Integer#MAX_VALUE} when none is advertised
 */
public record RequestLimits(int maxRequestBytes, int maxTasksPerJob) {

  /** The smallest limits among {@code schedulers}, capped by the client's own frame limit. */
  public static RequestLimits of(Collection<SchedulerInfo> schedulers, int clientMaxBytes) {
    int bytes = clientMaxBytes;
    int tasks = Integer.MAX_VALUE;
    for (SchedulerInfo s : schedulers) {
      if (s.maxRequestBytes() > 0) {
        bytes = Math.min(bytes, s.maxRequestBytes());
      }
      if (s.maxTasksPerJob() > 0) {
        tasks = Math.min(tasks, s.maxTasksPerJob());
      }
    }
    return new RequestLimits(bytes, tasks);
  }

  /** Why a job of {@code tasks} tasks encoded in {@code requestBytes} bytes exceeds these limits. */
  public Optional<String> violation(int tasks, long requestBytes) {
    if (tasks > maxTasksPerJob) {
      return Optional.of("job has " + tasks + " tasks, above the schedulers' advertised limit of "
          + maxTasksPerJob + " tasks per job (maxTasksPerJob): split it into smaller jobs");
    }
    if (requestBytes > maxRequestBytes) {
      // The limit is the smallest of the client's own frame limit and the schedulers' advertised ones.
      return Optional.of("job request is " + requestBytes + " bytes, above the limit of " + maxRequestBytes
          + " bytes (maxRequestBytes: the frame limit of this client and the schedulers): send fewer"
          + " tasks per job or smaller task messages");
    }
    return Optional.empty();
  }
}
