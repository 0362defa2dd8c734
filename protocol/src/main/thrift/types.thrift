// Wire types shared by every Sparrow service.
//
// Field ids and types of every struct that also exists in the original Sparrow
// (radlab/sparrow, src/main/thrift/types.thrift) are kept exactly, so that frontends and
// backends written against the original run unmodified. Extensions are optional fields with
// ids >= 10, or new structs.

namespace java org.sparrow.thrift

exception IncompleteRequestException {
  1: string message;
  // Set when the request itself is fine but this scheduler cannot take it now (draining,
  // arrived past its deadline): the client may send it to another scheduler.
  20: optional bool retryElsewhere;
}

struct THostPort {
  1: string host;
  2: i32 port;
}

struct TPlacementPreference {
  // Per-task constraint: the task may run only on these nodes (host names, host addresses or
  // node monitor ids). Empty or unset: anywhere the job's constraints allow.
  1: list<string> nodes;
  2: list<string> racks;
  3: i32 delayThreshold;
}

struct TResourceVector {
  1: i64 memory;
  2: i32 cores;
}

struct TFullTaskId {
  1: string taskId;     // Task id chosen by the frontend, unique within its job.
  2: string requestId;  // Job id assigned by the scheduler; unique across all schedulers.
  3: string appId;
  4: THostPort schedulerAddress;  // SchedulerService address of the scheduler that placed the task.
}

struct TUserGroupInfo {
  1: string user;
  2: string group;
  // Smaller number = higher priority (used by priority queues on node monitors).
  3: i32 priority;
}

struct TTaskSpec {
  1: string taskId;
  2: TPlacementPreference preference;
  3: binary message;    // Opaque to Sparrow: handed to the backend, or the argument of `kind`.

  // Extension: run the task in-process on the node monitor with a built-in task kind
  // (noop | sleep | command | java) instead of handing it to an application backend.
  10: optional string kind;
  // Extension: per-task attribute constraints (node attribute key must equal value).
  11: optional map<string, string> constraints;
}

struct TSchedulingRequest {
  1: string app;
  2: list<TTaskSpec> tasks;
  3: TUserGroupInfo user;
  4: optional string description;
  5: optional double probeRatio;

  // Extensions (all optional: an original frontend sets none of them).
  // Opt in to task-completion notifications (FrontendService.frontendMessage with the
  // STATUS_TASK_* codes below and a serialized TTaskResult as message).
  10: optional bool notifyCompletion;
  // Where to send those notifications ("host:port" of a FrontendService); defaults to the
  // address registered for the app with registerFrontend.
  11: optional string frontendAddress;
  // Placement policy for this job; defaults to the cluster's setting.
  12: optional string policy;
  // Job constraints: only node monitors whose attribute key equals value are eligible.
  13: optional map<string, string> constraints;
  // The scheduler fails every task not finished this long after submission.
  14: optional i64 timeoutMs;
  // How many times a task lost to a failed node monitor or backend runs at most (default 3).
  20: optional i32 maxAttempts;
  // False: backend tasks are not re-run after a loss (built-in kinds still are).
  21: optional bool idempotent;
  // Client-chosen: a scheduler answers a second submit with the same key with the first job's id.
  22: optional string idempotencyKey;
  // Ms since the epoch, in the receiving scheduler's clock (clients estimate its offset with
  // SchedulerService.currentTimeMs), after which the scheduler must drop the request unread;
  // a job whose answer the scheduler could not write before it is dropped too (the client
  // sends it elsewhere after the deadline plus a margin).
  23: optional i64 submitDeadlineEpochMs;
  // The client's lease on the job: the scheduler cancels it once it has not reached the job's
  // frontendAddress for this long (it sends STATUS_HEARTBEAT messages to the frontends of its
  // leased jobs); so a client that has heard nothing from the scheduler for longer (plus a
  // margin) may send the job elsewhere without it running in both places.
  100: optional i64 clientLeaseMs;
}

// Wire-compatible with the original; the scheduler<->node monitor path uses TReservation.
struct TEnqueueTaskReservationsRequest {
  1: string appId;
  2: TUserGroupInfo user;
  3: string requestId;
  4: THostPort schedulerAddress;
  5: i32 numTasks;
}

struct TCancelTaskReservationsRequest {
  1: string requestId;
}

struct TTaskLaunchSpec {
  1: string taskId;
  2: binary message;
}

// ---- Extensions -------------------------------------------------------------------------

// Status codes of the completion notifications a frontend opts in to. The message of such a
// frontendMessage is a TTaskResult serialized with the binary protocol.
const i32 STATUS_TASK_SUCCEEDED = 1000
const i32 STATUS_TASK_FAILED = 1001
// A scheduler's heartbeat to the frontend of jobs with a clientLeaseMs: no task; the task id's
// schedulerAddress says which scheduler is alive and reaches this frontend.
const i32 STATUS_HEARTBEAT = 1002

enum TTaskState {
  SUCCEEDED = 0,
  FAILED = 1,     // ran and failed (non-zero exit, exception, unknown kind ...)
  LOST = 2,       // its node monitor or backend went away
  TIMED_OUT = 3,  // the job's deadline passed
  CANCELLED = 50, // its job was cancelled (SchedulerService.cancelJob) before it ended
}

struct TTaskResult {
  1: TFullTaskId taskId;
  2: TTaskState state;
  3: i32 exitCode;
  4: i64 runMicros;          // time the task ran
  5: string nodeMonitorId;   // where it ran (empty if it never launched)
  6: optional string output; // bounded output or the failure reason
  7: i64 queuedMicros;       // time from its reservation's arrival to its launch
  // Which run of the task this is (1 = first); echoed from TTaskLaunch.attempt by node monitors.
  20: optional i32 attempt;
  // Earlier runs that were lost (set by the scheduler in results it reports).
  21: optional list<TTaskAttempt> earlierAttempts;
  // Boot id of the node monitor incarnation that ran it ("" or unset = unknown): a scheduler
  // ignores reports of an old incarnation.
  30: optional string nodeMonitorBootId;
  // Boot id of the scheduler incarnation whose reservation ran it (set by node monitors from
  // TReservation.schedulerBootId; "" or unset = unknown): a scheduler ignores a report about
  // work the process before it on the same address placed.
  31: optional string schedulerBootId;
}

// One lost run of a task.
struct TTaskAttempt {
  1: i32 attempt;
  2: string nodeMonitorId;
  3: TTaskState state;
  4: optional string reason;
}

enum TJobState {
  RUNNING = 0,
  SUCCEEDED = 1,
  FAILED = 2,
  CANCELLED = 50,  // ended by SchedulerService.cancelJob
}

struct TJobStatus {
  1: string requestId;
  2: TJobState state;
  3: i32 totalTasks;
  4: i32 launchedTasks;
  5: i32 finishedTasks;
  6: i32 failedTasks;
  7: optional string failureReason;
  8: list<TTaskResult> results;
}
