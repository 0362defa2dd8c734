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

struct TNodeLoad {
  1: string nodeMonitorId;
  2: i32 slots;
  3: i32 runningTasks;
  4: i32 queuedReservations;
  5: i64 completedTasks;
  // Slots claimed by task fetches in flight: neither free nor running, but busy.
  70: optional i32 fetchingSlots;
  // Of completedTasks, those that did not succeed.
  71: optional i64 failedTasks;
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

// A scheduler's own figures, for status pages and dashboards (cumulative counts since start).
struct TSchedulerStats {
  1: string schedulerId;
  2: i64 jobsSubmitted;
  3: i64 jobsSucceeded;
  4: i64 jobsFailed;
  5: i32 activeJobs;
  6: i64 tasksLaunched;
  7: i32 nodeMonitorsKnown;
  // Job response time (submission to last task ended) of the jobs that ended in the last
  // few seconds: how many, and their percentiles in milliseconds.
  8: i64 recentJobs;
  9: double responseP50Ms;
  10: double responseP95Ms;
  11: double responseP99Ms;
  // Jobs submitted per placement policy name.
  12: map<string, i64> jobsByPolicy;
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

  // For status pages and dashboards; cheap (reads counters).
  TSchedulerStats getSchedulerStats();
}
