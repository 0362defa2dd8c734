package org.sparrow.client.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.thrift.TException;
import org.sparrow.client.CancelResult;
import org.sparrow.client.JobStatus;
import org.sparrow.client.JobSummary;
import org.sparrow.client.SparrowClientException;
import org.sparrow.client.TaskResult;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.ClientPool;
import org.sparrow.thrift.IncompleteRequestException;
import org.sparrow.thrift.SchedulerService;
import org.sparrow.thrift.TCancelResult;
import org.sparrow.thrift.TJobState;
import org.sparrow.thrift.TJobStatus;
import org.sparrow.thrift.TJobSummary;
import org.sparrow.thrift.TTaskResult;

/**
 * The client's job-control calls: status, cancel, list. A request id names the scheduler that
 * accepted the job ("host:port/boot/counter"), so status and cancel go straight there; an id in
 * another form is asked of every known scheduler in turn.
 */
public final class JobControlCalls {

  /** One call on a scheduler that may fail; lets the caller tell "unknown id" from a failure. */
  @FunctionalInterface
  private interface Call<T> {
    T on(SchedulerService.Client c) throws TException;
  }

  private final ClientPool<SchedulerService.Client> pool;
  private final Supplier<List<HostPort>> schedulers;

  public JobControlCalls(ClientPool<SchedulerService.Client> pool, Supplier<List<HostPort>> schedulers) {
    this.pool = pool;
    this.schedulers = schedulers;
  }

  public JobStatus status(String requestId) {
    return onOwner(requestId, "status of", c -> c.getJobStatus(requestId), JobControlCalls::status);
  }

  public CancelResult cancel(String requestId) {
    return onOwner(requestId, "cancel", c -> c.cancelJob(requestId), JobControlCalls::cancelResult);
  }

  /** Active jobs of every scheduler, oldest first per scheduler; fails naming any that did not answer. */
  public List<JobSummary> jobs() {
    List<JobSummary> out = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (HostPort s : schedulers.get()) {
      try {
        for (TJobSummary j : pool.call(s, SchedulerService.Client::listJobs)) {
          out.add(new JobSummary(j.getRequestId(), s.toString(), j.getApp(), state(j.getState()), j.getTotalTasks(),
              j.getLaunchedTasks(), j.getFinishedTasks(), j.getFailedTasks(), Duration.ofMillis(j.getAgeMs()),
              j.getDescription()));
        }
      } catch (TException | RuntimeException e) {
        failed.add(s + " (" + e.getMessage() + ")");
      }
    }
    if (!failed.isEmpty()) {
      throw new SparrowClientException("cannot list the jobs of scheduler(s) " + String.join(", ", failed));
    }
    return out;
  }

  /** The scheduler named in a request id, or null if the id has another form. */
  static HostPort schedulerOf(String requestId) {
    int slash = requestId == null ? -1 : requestId.indexOf('/');
    if (slash <= 0) {
      return null;
    }
    try {
      return HostPort.parse(requestId.substring(0, slash));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private <W, T> T onOwner(String requestId, String what, Call<W> call, java.util.function.BiFunction<W, String, T> convert) {
    if (requestId == null || requestId.isBlank()) {
      throw new IllegalArgumentException("job id is empty");
    }
    HostPort owner = schedulerOf(requestId);
    List<HostPort> candidates = owner != null ? List.of(owner) : schedulers.get();
    if (candidates.isEmpty()) {
      throw new SparrowClientException("no scheduler is known to ask about job " + requestId);
    }
    List<String> answers = new ArrayList<>();
    for (HostPort s : candidates) {
      try {
        W wire = pool.call(s, call::on);
        return convert.apply(wire, s.toString());
      } catch (IncompleteRequestException e) {
        answers.add(e.getMessage());
      } catch (TException | RuntimeException e) {
        throw new SparrowClientException("cannot " + what + " job " + requestId + ": scheduler " + s
            + " did not answer (" + e.getMessage() + ")", e);
      }
    }
    throw new SparrowClientException(answers.size() == 1 ? answers.get(0)
        : "no scheduler knows job " + requestId + " (asked " + candidates.size() + ")");
  }

  private static JobStatus status(TJobStatus s, String scheduler) {
    List<TaskResult> results = new ArrayList<>();
    if (s.getResults() != null) {
      for (TTaskResult r : s.getResults()) {
        results.add(WireMapping.fromWire(r));
      }
    }
    return new JobStatus(s.getRequestId(), scheduler, state(s.getState()), s.getTotalTasks(), s.getLaunchedTasks(),
        s.getFinishedTasks(), s.getFailedTasks(), s.getFailureReason(), results);
  }

  private static CancelResult cancelResult(TCancelResult r, String scheduler) {
    return new CancelResult(r.getRequestId(), scheduler, state(r.getState()), r.isAlreadyEnded(),
        r.getCancelledUnlaunched(), r.getKilled(), r.getInterrupted(), r.getNotStoppable(), r.getNotReached(),
        r.getNotRunning());
  }

  /** A state this build does not know (a newer scheduler) reads as FAILED. */
  static JobStatus.State state(TJobState s) {
    if (s == null) {
      return JobStatus.State.FAILED;
    }
    return switch (s) {
      case RUNNING -> JobStatus.State.RUNNING;
      case SUCCEEDED -> JobStatus.State.SUCCEEDED;
      case FAILED -> JobStatus.State.FAILED;
      case CANCELLED -> JobStatus.State.CANCELLED;
    };
  }
}
