package org.sparrow.scheduler.admission;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.sparrow.scheduler.job.JobRequest;

/**
 * Jobs accepted while no node monitor could run them (no backend of their app registered yet,
 * no node monitor at all, preferred hosts not in the cluster), in arrival order. The scheduler
 * tries them again on every membership change and fails those whose deadline passes; a job
 * without a deadline waits until it can run, as in the original Sparrow, so the queue is
 * bounded in jobs and in tasks. Thread-safe; a job leaves it once ({@link #remove} is the claim).
 */
public final class WaitingJobs {

  /**
   * One waiting job.
   *
   * @param request       as submitted after renaming duplicate ids, before preferences were resolved
   * @param deadlineNanos on the scheduler's clock; meaningful only if {@code hasDeadline}
   * @param waitingFor    what no node monitor offers, for logs
   */
  public record Waiting(String requestId, JobRequest request, RequestStyle style, long submitNanos,
      boolean hasDeadline, long deadlineNanos, String waitingFor) {

    public int tasks() {
      return request.tasks().size();
    }
  }

  private final int maxJobs;
  private final long maxTasks;
  private final LinkedHashMap<String, Waiting> byId = new LinkedHashMap<>();
  private long tasks;

  public WaitingJobs(int maxJobs, long maxTasks) {
    if (maxJobs < 0 || maxTasks < 0) {
      throw new IllegalArgumentException("waiting-job limits must not be negative");
    }
    this.maxJobs = maxJobs;
    this.maxTasks = maxTasks;
  }

  /** @throws IllegalArgumentException if the queue is full (naming the limit) */
  public synchronized void add(Waiting w) {
    if (byId.size() >= maxJobs || tasks + w.tasks() > maxTasks) {
      throw new IllegalArgumentException("no node monitor can run the job yet (it needs "
          + w.waitingFor() + ") and " + byId.size() + " jobs with " + tasks
          + " tasks already wait for one (at most " + maxJobs + " jobs and " + maxTasks + " tasks)");
    }
    byId.put(w.requestId(), w);
    tasks += w.tasks();
  }

  /** Takes the job out; false if it already left (started, expired or failed elsewhere). */
  public synchronized boolean remove(String requestId) {
    Waiting w = byId.remove(requestId);
    if (w == null) {
      return false;
    }
    tasks -= w.tasks();
    return true;
  }

  public synchronized Waiting get(String requestId) {
    return byId.get(requestId);
  }

  /** The waiting jobs in arrival order. */
  public synchronized List<Waiting> snapshot() {
    return new ArrayList<>(byId.values());
  }

  /** Jobs whose deadline is at or before {@code nowNanos} (still in the queue). */
  public synchronized List<Waiting> due(long nowNanos) {
    List<Waiting> out = new ArrayList<>();
    for (Waiting w : byId.values()) {
      if (w.hasDeadline() && w.deadlineNanos() - nowNanos <= 0) {
        out.add(w);
      }
    }
    return out;
  }

  public synchronized int size() {
    return byId.size();
  }

  public synchronized boolean isEmpty() {
    return byId.isEmpty();
  }

  public synchronized long tasks() {
    return tasks;
  }
}
