package org.sparrow.scheduler.thrift;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.sparrow.common.HostPort;
import org.sparrow.scheduler.CancelReport;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.job.JobRequest;
import org.sparrow.scheduler.job.JobStatus;
import org.sparrow.scheduler.JobSummary;
import org.sparrow.scheduler.StopOutcome;
import org.sparrow.scheduler.Reservation;
import org.sparrow.scheduler.job.RetryOptions;
import org.sparrow.scheduler.job.TaskAttempt;
import org.sparrow.scheduler.TaskBatch;
import org.sparrow.scheduler.TaskLaunch;
import org.sparrow.scheduler.job.TaskRequest;
import org.sparrow.scheduler.job.TaskResult;
import org.sparrow.common.TaskState;
import org.sparrow.common.UserInfo;
import org.sparrow.thrift.TCancelResult;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TGetTasksResponse;
import org.sparrow.thrift.THostPort;
import org.sparrow.thrift.TJobState;
import org.sparrow.thrift.TJobStatus;
import org.sparrow.thrift.TJobSummary;
import org.sparrow.thrift.TStopResult;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskAttempt;
import org.sparrow.thrift.TTaskLaunch;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.TTaskSpec;
import org.sparrow.thrift.TTaskState;
import org.sparrow.thrift.TUserGroupInfo;

/** Wire types <-> the scheduler's plain records. Nothing else. */
public final class WireConversions {

  private WireConversions() {}

  public static JobRequest jobRequest(TSchedulingRequest r) {
    List<TaskRequest> tasks = new ArrayList<>(r.getTasksSize());
    if (r.getTasks() != null) {
      for (TTaskSpec t : r.getTasks()) {
        tasks.add(t == null ? null : taskRequest(t));
      }
    }
    return new JobRequest(r.getApp(), tasks, user(r.getUser()), r.getDescription(),
        r.isSetProbeRatio() ? r.getProbeRatio() : null,
        r.isSetNotifyCompletion() && r.isNotifyCompletion(),
        r.getFrontendAddress(), r.getPolicy(), r.getConstraints(),
        r.isSetTimeoutMs() ? r.getTimeoutMs() : null,
        new RetryOptions(r.isSetMaxAttempts() ? r.getMaxAttempts() : null,
            r.isSetIdempotent() ? r.isIdempotent() : null, r.getIdempotencyKey(),
            r.isSetSubmitDeadlineEpochMs() ? r.getSubmitDeadlineEpochMs() : null,
            r.isSetClientLeaseMs() ? r.getClientLeaseMs() : null));
  }

  private static TaskRequest taskRequest(TTaskSpec t) {
    List<String> nodes = t.getPreference() == null || t.getPreference().getNodes() == null
        ? List.of() : new ArrayList<>(t.getPreference().getNodes());
    return new TaskRequest(t.getTaskId(), t.getMessage(), t.getKind(), nodes, t.getConstraints());
  }

  public static UserInfo user(TUserGroupInfo u) {
    return u == null ? UserInfo.ANONYMOUS : new UserInfo(u.getUser(), u.getGroup(), u.getPriority());
  }

  public static TUserGroupInfo user(UserInfo u) {
    return new TUserGroupInfo(u.user(), u.group(), u.priority());
  }

  public static THostPort hostPort(HostPort h) {
    return h == null ? null : new THostPort(h.host(), h.port());
  }

  /** Null for a missing or malformed address (relayed ids are passed on, not judged). */
  public static HostPort hostPort(THostPort h) {
    if (h == null || h.getHost() == null || h.getHost().isBlank()) {
      return null;
    }
    try {
      return new HostPort(h.getHost(), h.getPort());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  public static TFullTaskId fullTaskId(FullTaskId id) {
    return new TFullTaskId(id.taskId(), id.requestId(), id.appId(), hostPort(id.schedulerAddress()));
  }

  public static FullTaskId fullTaskId(TFullTaskId id) {
    return id == null ? null
        : new FullTaskId(id.getTaskId(), id.getRequestId(), id.getAppId(), hostPort(id.getSchedulerAddress()));
  }

  public static TTaskLaunch taskLaunch(TaskLaunch t) {
    TTaskLaunch out = new TTaskLaunch(fullTaskId(t.id()), user(t.user()), ByteBuffer.wrap(t.message()));
    if (t.kind() != null) {
      out.setKind(t.kind());
    }
    out.setAttempt(t.attempt());  // node monitors without the field skip it
    return out;
  }

  public static TGetTasksResponse taskBatch(TaskBatch b) {
    List<TTaskLaunch> tasks = new ArrayList<>(b.tasks().size());
    b.tasks().forEach(t -> tasks.add(taskLaunch(t)));
    return new TGetTasksResponse(tasks, b.exhausted());
  }

  /**
   * @param schedulerBootId the placing scheduler's incarnation ("" = unknown, left unset): node
   *                        monitors echo it in getTasks, so the next process on the same address
   *                        can refuse what its predecessor placed
   */
  public static TReservation reservation(Reservation r, HostPort schedulerInternal, String schedulerBootId,
      String nodeMonitorId) {
    TReservation out = new TReservation(r.requestId(), r.appId(), user(r.user()),
        hostPort(schedulerInternal), r.count(), nodeMonitorId);
    if (schedulerBootId != null && !schedulerBootId.isEmpty()) {
      out.setSchedulerBootId(schedulerBootId);
    }
    if (r.forRetry()) {
      out.setRetried(true);  // unset otherwise: the bytes of an ordinary reservation stay as they were
    }
    if (!r.boundTasks().isEmpty()) {
      List<TTaskLaunch> bound = new ArrayList<>(r.boundTasks().size());
      r.boundTasks().forEach(t -> bound.add(taskLaunch(t)));
      out.setBoundTasks(bound);
    }
    return out;
  }

  public static TaskResult taskResult(TTaskResult r) {
    return new TaskResult(fullTaskId(r.getTaskId()), taskState(r.getState()), r.getExitCode(),
        r.getRunMicros(), r.getNodeMonitorId(), r.getOutput(), r.getQueuedMicros(),
        r.isSetAttempt() ? r.getAttempt() : 0, List.of());
  }

  public static TTaskResult taskResult(TaskResult r) {
    TTaskResult out = new TTaskResult(fullTaskId(r.id()), TTaskState.valueOf(r.state().name()),
        r.exitCode(), r.runMicros(), r.nodeMonitorId(), r.queuedMicros());
    if (r.output() != null) {
      out.setOutput(r.output());
    }
    if (r.attempt() > 0) {
      out.setAttempt(r.attempt());
    }
    if (!r.earlierAttempts().isEmpty()) {
      List<TTaskAttempt> earlier = new ArrayList<>(r.earlierAttempts().size());
      for (TaskAttempt a : r.earlierAttempts()) {
        TTaskAttempt t = new TTaskAttempt(a.attempt(), a.nodeMonitorId(), TTaskState.valueOf(a.state().name()));
        if (a.reason() != null) {
          t.setReason(a.reason());
        }
        earlier.add(t);
      }
      out.setEarlierAttempts(earlier);
    }
    return out;
  }

  private static TaskState taskState(TTaskState s) {
    return s == null ? TaskState.FAILED : TaskState.valueOf(s.name());
  }

  public static TJobStatus jobStatus(JobStatus s) {
    List<TTaskResult> results = new ArrayList<>(s.results().size());
    s.results().forEach(r -> results.add(taskResult(r)));
    TJobStatus out = new TJobStatus(s.requestId(), TJobState.valueOf(s.state().name()), s.totalTasks(),
        s.launchedTasks(), s.finishedTasks(), s.failedTasks(), results);
    if (s.failureReason() != null) {
      out.setFailureReason(s.failureReason());
    }
    return out;
  }

  public static TJobSummary jobSummary(JobSummary s) {
    TJobSummary out = new TJobSummary(s.requestId(), s.app(), TJobState.valueOf(s.state().name()), s.totalTasks(),
        s.launchedTasks(), s.finishedTasks(), s.failedTasks(), s.ageMillis());
    if (s.description() != null) {
      out.setDescription(s.description());
    }
    return out;
  }

  public static TCancelResult cancelResult(CancelReport r) {
    return new TCancelResult(r.requestId(), TJobState.valueOf(r.state().name()), r.alreadyEnded(),
        r.cancelledUnlaunched(), r.killed(), r.interrupted(), r.notStoppable(), r.notReached(), r.notRunning());
  }

  /** A node monitor's answer to killTasks; an outcome this build does not know counts as not running. */
  public static StopOutcome stopOutcome(TStopResult r) {
    return r == null || r.getOutcome() == null ? StopOutcome.NOT_RUNNING : StopOutcome.valueOf(r.getOutcome().name());
  }

  /** The message of a completion notice: the result in the binary protocol. */
  public static byte[] serialize(TTaskResult r) throws TException {
    return new TSerializer(new TBinaryProtocol.Factory()).serialize(r);
  }
}
