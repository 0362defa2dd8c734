package org.sparrow.client.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.sparrow.client.Job;
import org.sparrow.client.Task;
import org.sparrow.client.TaskResult;
import org.sparrow.thrift.TPlacementPreference;
import org.sparrow.thrift.TSchedulingRequest;
import org.sparrow.thrift.TTaskAttempt;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.TTaskSpec;
import org.sparrow.thrift.TUserGroupInfo;

/** Converts the client's JDK-typed jobs and results to and from wire types. */
public final class WireMapping {

  private WireMapping() {}

  public static TSchedulingRequest toRequest(String app, Job job, String frontendAddress,
      long timeoutMs) {
    List<TTaskSpec> specs = new ArrayList<>(job.tasks().size());
    for (Task t : job.tasks()) {
      TTaskSpec spec = new TTaskSpec()
          .setTaskId(t.id())
          .setMessage(ByteBuffer.wrap(t.message()))
          .setPreference(new TPlacementPreference().setNodes(t.nodes()).setRacks(List.of()));
      if (t.kind() != null) {
        spec.setKind(t.kind());
      }
      if (!t.constraints().isEmpty()) {
        spec.setConstraints(t.constraints());
      }
      specs.add(spec);
    }
    TSchedulingRequest req = new TSchedulingRequest()
        .setApp(app)
        .setTasks(specs)
        .setUser(new TUserGroupInfo(job.user(), job.user(), job.priority()))
        .setNotifyCompletion(true)
        .setFrontendAddress(frontendAddress)
        .setTimeoutMs(timeoutMs);
    if (job.probeRatio() != null) {
      req.setProbeRatio(job.probeRatio());
    }
    if (job.policy() != null) {
      req.setPolicy(job.policy());
    }
    if (!job.constraints().isEmpty()) {
      req.setConstraints(job.constraints());
    }
    if (job.description() != null) {
      req.setDescription(job.description());
    }
    if (job.maxAttempts() != null) {
      req.setMaxAttempts(job.maxAttempts());
    }
    if (job.idempotent() != null) {
      req.setIdempotent(job.idempotent());
    }
    return req;
  }

  public static TaskResult fromWire(TTaskResult r) {
    TaskResult.State state = state(r.getState());
    String output = r.isSetOutput() ? r.getOutput() : "";
    List<TaskResult.Attempt> attempts = new ArrayList<>();
    if (r.getEarlierAttempts() != null) {
      for (TTaskAttempt a : r.getEarlierAttempts()) {
        attempts.add(new TaskResult.Attempt(a.getAttempt(), a.getNodeMonitorId() == null ? "" : a.getNodeMonitorId(),
            state(a.getState()), a.isSetReason() ? a.getReason() : ""));
      }
    }
    int attempt = r.isSetAttempt() && r.getAttempt() > 0 ? r.getAttempt() : attempts.size() + 1;
    attempts.add(new TaskResult.Attempt(attempt, r.getNodeMonitorId() == null ? "" : r.getNodeMonitorId(),
        state, state == TaskResult.State.SUCCEEDED ? "" : output));
    return new TaskResult(r.getTaskId().getTaskId(), state, r.getExitCode(), r.getRunMicros(),
        r.getQueuedMicros(), r.getNodeMonitorId(), output, attempts);
  }

  private static TaskResult.State state(org.sparrow.thrift.TTaskState s) {
    if (s == null) {
      return TaskResult.State.FAILED;
    }
    return switch (s) {
      case SUCCEEDED -> TaskResult.State.SUCCEEDED;
      case FAILED -> TaskResult.State.FAILED;
      case LOST -> TaskResult.State.LOST;
      case TIMED_OUT -> TaskResult.State.TIMED_OUT;
      case CANCELLED -> TaskResult.State.CANCELLED;
    };
  }
}
