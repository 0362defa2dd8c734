// The scheduler <-> node monitor protocol. Ours, not the original's: batched, idempotent,
// able to hand out several tasks per round trip.

include "types.thrift"

namespace java org.sparrow.thrift

struct TTaskLaunch {
  1: types.TFullTaskId taskId;
  2: types.TUserGroupInfo user;
  3: binary message;
  4: optional string kind;
  // Which run of the task this is (1 = first); node monitors echo it in TTaskResult.attempt.
  20: optional i32 attempt;
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
  // Incarnations (boot ids, as announced in ZooKeeper; unset or "" = unknown, matches any).
  // The node monitor incarnation the scheduler addresses: another incarnation refuses it.
  30: optional string nodeMonitorBootId;
  // The scheduler incarnation that placed it (for its getTasks and reports).
  31: optional string schedulerBootId;
  // Placed for a task whose earlier run was lost (its node monitor died, its backend refused):
  // the node monitor serves it ahead of the ordinary reservations of the same priority (and,
  // under a fair-share policy, of the same user). Unset = false: an old scheduler's reservations
  // queue as before, and an old node monitor ignores the field.
  40: optional bool retried;
}

struct TEnqueueResult {
  1: i32 accepted;      // reservations (slots) accepted
  2: i32 queueLength;   // reservations queued on the node monitor afterwards
  // Slots accepted per reservation, in request order (0 = discarded: its request was cancelled
  // already). Lets a scheduler send the reservations of many jobs in one call.
  3: optional list<i32> acceptedEach;
  // The boot id of the node monitor that answered.
  30: optional string nodeMonitorBootId;
  // True: the node monitor drains and took nothing; schedulers stop sampling it at once.
  90: optional bool draining;
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
  30: optional string nodeMonitorBootId;
  // True while the node monitor drains: it refuses new reservations.
  31: optional bool draining;
  // Per user name (TUserGroupInfo.user): queued reservation slots and running tasks.
  60: optional map<string, TUserLoad> users;
  // The node's reservation queue policy in force (fifo, priority, weighted-fair, ...).
  61: optional string queuePolicy;
  // Slots claimed by task fetches in flight: neither free nor running, but busy.
  70: optional i32 fetchingSlots;
  // Of completedTasks, those that did not succeed.
  71: optional i64 failedTasks;
  // Tasks suspended now (SIGSTOP or paused) to give their slot to a higher priority; not in
  // runningTasks. Only the preempting queue policies suspend.
  120: optional i32 suspendedTasks;
  // Suspensions since the node monitor started (a task suspended twice counts twice).
  121: optional i64 preemptions;
}

struct TGetTasksRequest {
  1: string requestId;
  2: string nodeMonitorId;
  3: i32 maxTasks;
  // The asking node monitor's boot id: a scheduler ignores requests of an old incarnation.
  30: optional string nodeMonitorBootId;
  // The scheduler incarnation the reservation was placed by (from TReservation).
  31: optional string schedulerBootId;
  // Unique per fetch; a node monitor that got no answer in time asks again with the same id,
  // and the scheduler answers a repeated id with the answer it gave (tasks handed out once).
  32: optional string fetchId;
}

struct TGetTasksResponse {
  1: list<TTaskLaunch> tasks;
  // True when the request has nothing more for this node monitor: drop its other reservations.
  2: bool exhausted;
}

// What a node monitor did about a task a scheduler asked it to stop (killTasks).
enum TStopOutcome {
  KILLED = 0,         // a command: its whole process tree was killed
  INTERRUPTED = 1,    // an in-process task (sleep, java, noop): its thread was interrupted
  NOT_STOPPABLE = 2,  // handed to an application backend, which Sparrow cannot stop
  NOT_RUNNING = 3,    // not running here (ended already, or not launched yet: then it never will)
}

struct TStopResult {
  1: types.TFullTaskId taskId;
  2: TStopOutcome outcome;
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

  // Stops these tasks of cancelled jobs where their kind allows; a task not launched yet is
  // remembered for a while and never started. One result per task, in order.
  list<TStopResult> killTasks(1: list<types.TFullTaskId> tasks);

  // Idempotent; a cancel that arrives before its enqueue is remembered for a while.
  // nodeMonitorBootId (unset or "" = any): a cancel for another incarnation is ignored.
  void cancelReservations(1: list<string> requestIds, 30: string nodeMonitorBootId);

  TNodeLoad getLoad();

  // Drain: refuse new reservations, hand queued ones back to their schedulers
  // (SchedulerInternalService.reservationsReturned), let running tasks finish for up to
  // timeoutMs (<= 0: the node monitor's configured drain timeout), report them, deregister.
  // Returns at once; a node monitor run as a daemon process then exits with status 0.
  // Idempotent: a second call while draining changes nothing.
  void drain(1: i64 timeoutMs);
}

// Node monitors -> scheduler.
service SchedulerInternalService {
  TGetTasksResponse getTasks(1: TGetTasksRequest request);

  void tasksFinished(1: list<types.TTaskResult> results);

  // Those requests' reservations on that node monitor were dropped unrun (it is draining): the
  // scheduler places them elsewhere, never on that node monitor again.
  // schedulerBootId: the incarnation that placed them (TReservation.schedulerBootId; unset or ""
  // = unknown, accepted); a scheduler ignores reservations another incarnation placed.
  void reservationsReturned(1: string nodeMonitorId, 2: list<string> requestIds,
      31: string schedulerBootId);
  // For status pages and dashboards; cheap (reads counters).
  TSchedulerStats getSchedulerStats();
}
