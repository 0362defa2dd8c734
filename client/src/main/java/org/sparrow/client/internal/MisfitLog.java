package org.sparrow.client.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sparrow.common.HostPort;

/**
 * Says once, at INFO, that a scheduler is skipped for jobs above its advertised limits, and why;
 * later skips for the same limits go to DEBUG. An application sending many large jobs would
 * otherwise log one line per job per small scheduler. Keyed by address and limits, not by entry,
 * so a restart with the same limits stays quiet and one with new limits is said again; at most
 * one key per address and limit change.
 */
final class MisfitLog {

  private static final Logger LOG = LoggerFactory.getLogger(MisfitLog.class);

  private record Key(HostPort scheduler, int maxTasksPerJob, int maxRequestBytes) {}

  private final Set<Key> said = ConcurrentHashMap.newKeySet();

  /** @return how many of {@code misfits} were logged at INFO (the first for their limits) */
  int skipped(List<SchedulerFit.Misfit> misfits) {
    int first = 0;
    for (SchedulerFit.Misfit m : misfits) {
      Key key = new Key(m.scheduler(), m.advertised().maxTasksPerJob(), m.advertised().maxRequestBytes());
      if (said.add(key)) {
        first++;
        LOG.info("a job skips {}: {} (further jobs skipping it for these limits are logged at DEBUG)",
            m.scheduler(), m.reason());
      } else {
        LOG.debug("a job skips {}: {}", m.scheduler(), m.reason());
      }
    }
    return first;
  }
}
