// The scheduler <-> node monitor protocol. Ours, not the original's: batched, idempotent,
// able to hand out several tasks per round trip.

include "types.thrift"

namespace java org.sparrow.thrift

struct TTaskLaunch {
  1: types.TFullTaskId taskId;
  2: types.TUserGroupInfo user;
  3: binary message;
  4: optional string kind;
}

// A request's claim on `count` slots of one node monitor. When a slot frees, the node monitor
// asks the scheduler for a task (late binding) unless tasks are already bound.
struct TReservation {
  1: string requestId;
  2: string appId;
  3: types.TUserGroupInfo user;
  4: types.THostPort schedulerAddress;  // the scheduler's SchedulerInternalService
  5: i32 count;
  // The id the scheduler knows this node monitor by; echoed back in getTasks.
  6: string nodeMonitorId;
  // Set by policies without late binding: the tasks themselves, run in queue order.
  7: optional list<TTaskLaunch> boundTasks;
}

struct TEnqueueResult {
  1: i32 accepted;      // reservations (slots) accepted
  2: i32 queueLength;   // reservations queued on the node monitor afterwards
  // Slots accepted per reservation, in request order (0 = discarded: its request was cancelled
  // already). Lets a scheduler send the reservations of many jobs in one call.
  3: optional list<i32> acceptedEach;
}

// One user's share of a node monitor (queue policies share slots by user).
struct TUserLoad {
  1: i32 queuedReservations;
  2: i32 runningTasks;
}

struct TNodeLoad {
  1: string nodeMonitorId;
  2: i32 slots;
  3: i32 runningTasks;
  4: i32 queuedReservations;
  5: i64 completedTasks;
  // Per user name (TUserGroupInfo.user): queued reservation slots and running tasks.
  60: optional map<string, TUserLoad> users;
  // The node's reservation queue policy in force (fifo, priority, weighted-fair, ...).
  61: optional string queuePolicy;
}

struct TGetTasksRequest {
  1: string requestId;
  2: string nodeMonitorId;
  3: i32 maxTasks;
}

struct TGetTasksResponse {
  1: list<TTaskLaunch> tasks;
  // True when the request has nothing more for this node monitor: drop its other reservations.
  2: bool exhausted;
}

// Schedulers -> node monitor.
service NodeMonitorInternalService {
  TEnqueueResult enqueueReservations(1: list<TReservation> reservations)
      throws (1: types.IncompleteRequestException e);

  // Idempotent; a cancel that arrives before its enqueue is remembered for a while.
  void cancelReservations(1: list<string> requestIds);

  TNodeLoad getLoad();
}

// Node monitors -> scheduler.
service SchedulerInternalService {
  TGetTasksResponse getTasks(1: TGetTasksRequest request);

  void tasksFinished(1: list<types.TTaskResult> results);
}
