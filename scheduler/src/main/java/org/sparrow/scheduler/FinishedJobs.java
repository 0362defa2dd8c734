package org.sparrow.scheduler;

import org.sparrow.scheduler.job.JobStatus;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/** Statuses of ended jobs, kept for a bounded time and count so getJobStatus can answer. */
final class FinishedJobs {

  private record Entry(JobStatus status, long endedNanos) {}

  private final int maxJobs;
  private final long retainNanos;
  private final LinkedHashMap<String, Entry> byId = new LinkedHashMap<>();

  FinishedJobs(int maxJobs, long retainMs) {
    this.maxJobs = maxJobs;
    this.retainNanos = retainMs * 1_000_000L;
  }

  synchronized void add(JobStatus status, long nowNanos) {
    byId.put(status.requestId(), new Entry(status, nowNanos));
    Iterator<Map.Entry<String, Entry>> it = byId.entrySet().iterator();
    while (byId.size() > maxJobs && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** Forgets the job (given up: its status must not be told). */
  synchronized void remove(String requestId) {
    byId.remove(requestId);
  }

  synchronized JobStatus get(String requestId) {
    Entry e = byId.get(requestId);
    return e == null ? null : e.status;
  }

  /** Forgets jobs that ended more than the retention time ago (oldest first, so it stops early). */
  synchronized void expire(long nowNanos) {
    Iterator<Entry> it = byId.values().iterator();
    while (it.hasNext()) {
      if (nowNanos - it.next().endedNanos < retainNanos) {
        return;
      }
      it.remove();
    }
  }

  synchronized int size() {
    return byId.size();
  }
}
