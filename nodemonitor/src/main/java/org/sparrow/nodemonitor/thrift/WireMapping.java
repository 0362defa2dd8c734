package org.sparrow.nodemonitor.thrift;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.FetchedTasks;
import org.sparrow.common.NodeLoad;
import org.sparrow.nodemonitor.TaskResult;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.sparrow.common.UserInfo;
import org.sparrow.common.UserLoad;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TGetTasksResponse;
import org.sparrow.thrift.THostPort;
import org.sparrow.thrift.TNodeLoad;
import org.sparrow.thrift.TReservation;
import org.sparrow.thrift.TTaskLaunch;
import org.sparrow.thrift.TTaskResult;
import org.sparrow.thrift.TTaskState;
import org.sparrow.thrift.TUserGroupInfo;
import org.sparrow.thrift.TUserLoad;

/** Converts between wire structs and the node monitor's records. Errors name the bad field. */
public final class WireMapping {

  private WireMapping() {}

  /** @throws IllegalArgumentException naming the missing or invalid field */
  public static Reservation toReservation(TReservation t) {
    if (t == null) {
      throw new IllegalArgumentException("reservation is null");
    }
    String requestId = t.getRequestId();
    List<TaskLaunch> bound = List.of();
    if (t.isSetBoundTasks()) {
      bound = new ArrayList<>(t.getBoundTasksSize());
      for (TTaskLaunch launch : t.getBoundTasks()) {
        bound.add(toTaskLaunch(launch, requestId, t.getAppId()));
      }
    }
    return new Reservation(requestId, t.getAppId(), toUser(t.getUser()),
        toHostPort(t.getSchedulerAddress(), "reservation " + requestId + " schedulerAddress"),
        t.getCount(), t.getNodeMonitorId(), bound,
        t.isSetSchedulerBootId() ? t.getSchedulerBootId() : "",
        t.isSetRetried() && t.isRetried());
  }

  /**
   * @param requestId used when the task id omits its request id
   * @param appId     used when the task id omits its app id
   */
  public static TaskLaunch toTaskLaunch(TTaskLaunch t, String requestId, String appId) {
    if (t == null || t.getTaskId() == null) {
      throw new IllegalArgumentException("a task of request " + requestId + " has no taskId");
    }
    TFullTaskId id = t.getTaskId();
    TaskId taskId = new TaskId(id.getTaskId(),
        id.getRequestId() == null || id.getRequestId().isEmpty() ? requestId : id.getRequestId(),
        id.getAppId() == null || id.getAppId().isEmpty() ? appId : id.getAppId(),
        toHostPortOrNull(id.getSchedulerAddress()));
    return new TaskLaunch(taskId, t.getUser() == null ? null : toUser(t.getUser()),
        t.isSetMessage() ? bytes(t.bufferForMessage()) : null, t.isSetKind() ? t.getKind() : null,
        t.isSetAttempt() ? t.getAttempt() : 0);
  }

  /** Null for a task id without task or request id (nothing to match it with). */
  public static TaskId toTaskIdOrNull(TFullTaskId id) {
    if (id == null || id.getTaskId() == null || id.getRequestId() == null
        || id.getRequestId().isEmpty()) {
      return null;
    }
    return new TaskId(id.getTaskId(), id.getRequestId(), id.getAppId(),
        toHostPortOrNull(id.getSchedulerAddress()));
  }

  public static FetchedTasks toFetched(TGetTasksResponse r, Reservation reservation) {
    if (r == null) {
      return FetchedTasks.none();
    }
    List<TaskLaunch> tasks = new ArrayList<>(r.getTasksSize());
    if (r.getTasks() != null) {
      for (TTaskLaunch t : r.getTasks()) {
        tasks.add(toTaskLaunch(t, reservation.requestId(), reservation.appId()));
      }
    }
    return new FetchedTasks(tasks, r.isExhausted());
  }

  public static UserInfo toUser(TUserGroupInfo u) {
    return u == null ? null : new UserInfo(u.getUser(), u.getGroup(), u.getPriority());
  }

  public static TUserGroupInfo toWire(UserInfo u) {
    return new TUserGroupInfo(u.user(), u.group(), u.priority());
  }

  public static TFullTaskId toWire(TaskId id) {
    TFullTaskId t = new TFullTaskId().setTaskId(id.taskId()).setRequestId(id.requestId())
        .setAppId(id.appId());
    if (id.schedulerAddress() != null) {
      t.setSchedulerAddress(toWire(id.schedulerAddress()));
    }
    return t;
  }

  public static THostPort toWire(HostPort hp) {
    return new THostPort(hp.host(), hp.port());
  }

  public static TTaskResult toWire(TaskResult r) {
    TTaskState state = switch (r.state()) {
      case SUCCEEDED -> TTaskState.SUCCEEDED;
      case FAILED -> TTaskState.FAILED;
      case LOST -> TTaskState.LOST;
      case TIMED_OUT -> TTaskState.TIMED_OUT;
      case CANCELLED -> TTaskState.CANCELLED;
    };
    TTaskResult out = new TTaskResult()
        .setTaskId(toWire(r.taskId()))
        .setState(state)
        .setExitCode(r.exitCode())
        .setRunMicros(r.runMicros())
        .setNodeMonitorId(r.nodeMonitorId())
        .setOutput(r.output())
        .setQueuedMicros(r.queuedMicros());
    if (!r.schedulerBootId().isEmpty()) {
      out.setSchedulerBootId(r.schedulerBootId());  // unset when unknown, as an old node monitor sends it
    }
    return r.attempt() > 0 ? out.setAttempt(r.attempt()) : out;
  }

  public static TTaskLaunch toWire(TaskLaunch t) {
    TTaskLaunch w = new TTaskLaunch().setTaskId(toWire(t.taskId())).setUser(toWire(t.user()))
        .setMessage(ByteBuffer.wrap(t.message()));
    if (t.kind() != null) {
      w.setKind(t.kind());
    }
    return w;
  }

  public static TNodeLoad toWire(String nodeMonitorId, NodeLoad load) {
    return org.sparrow.common.thrift.LoadWire.toWire(nodeMonitorId, load);
  }

  /** The load with the per-user counts and the queue policy (optional fields 60, 61). */
  public static TNodeLoad toWire(String nodeMonitorId, NodeLoad load, Map<String, UserLoad> users,
      String queuePolicy) {
    Map<String, TUserLoad> wire = new HashMap<>();
    users.forEach((u, l) -> wire.put(u, new TUserLoad(l.queued(), l.running())));
    return toWire(nodeMonitorId, load).setUsers(wire).setQueuePolicy(queuePolicy);
  }

  /** @throws IllegalArgumentException naming {@code field} when missing or invalid */
  static HostPort toHostPort(THostPort t, String field) {
    if (t == null) {
      return null;  // the record's constructor names the missing field
    }
    try {
      return new HostPort(t.getHost(), t.getPort());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(field + " is invalid: " + e.getMessage());
    }
  }

  private static HostPort toHostPortOrNull(THostPort t) {
    if (t == null || t.getHost() == null || t.getHost().isBlank() || t.getPort() < 0
        || t.getPort() > 65535) {
      return null;
    }
    return new HostPort(t.getHost(), t.getPort());
  }

  static byte[] bytes(ByteBuffer b) {
    if (b == null) {
      return new byte[0];
    }
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
