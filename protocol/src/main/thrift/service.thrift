// Application-facing services. Service names, method names, argument ids and types are the
// original Sparrow's; new methods are extensions that original clients never call.
// Every service: framed transport, strict binary protocol, one service per port.

include "types.thrift"

namespace java org.sparrow.thrift

// An active job, as SchedulerService.listJobs shows it.
struct TJobSummary {
  1: string requestId;
  2: string app;
  3: types.TJobState state;
  4: i32 totalTasks;
  5: i32 launchedTasks;   // ever handed to a node monitor
  6: i32 finishedTasks;
  7: i32 failedTasks;
  8: i64 ageMs;           // since the scheduler accepted it
  9: optional string description;
}

// The answer of SchedulerService.cancelJob.
struct TCancelResult {
  1: string requestId;
  2: types.TJobState state;       // the job's state afterwards (CANCELLED unless it had ended)
  3: bool alreadyEnded;           // it had ended before: nothing was cancelled
  4: i32 cancelledUnlaunched;     // tasks that never started, and their reservations dropped
  5: i32 killed;                  // command tasks killed with their process tree
  6: i32 interrupted;             // in-process tasks (sleep, java) interrupted
  7: i32 notStoppable;            // backend tasks: cancelled here, left running on their backend
  8: i32 notReached;              // running tasks whose node monitor did not answer the stop
  9: i32 notRunning;              // running tasks that had already ended on their node monitor
}

// Frontends -> scheduler.
service SchedulerService {
  bool registerFrontend(1: string app, 2: string socketAddress);

  void submitJob(1: types.TSchedulingRequest req) throws (1: types.IncompleteRequestException e);

  // Relays an application message to the frontend registered for app.
  void sendFrontendMessage(1: string app, 2: types.TFullTaskId taskId,
                           3: i32 status, 4: binary message);

  // Extension: submitJob that returns the job's request id.
  string submitJobWithId(1: types.TSchedulingRequest req)
      throws (1: types.IncompleteRequestException e);

  // Extension: the state of a job this scheduler accepted (kept a while after it ends).
  types.TJobStatus getJobStatus(1: string requestId)
      throws (1: types.IncompleteRequestException e);

  // Extension: the jobs this scheduler is running now.
  list<TJobSummary> listJobs();

  // Extension: cancels a job this scheduler accepted: its unlaunched tasks and their
  // reservations are dropped, node monitors are asked to stop its running tasks, and it ends
  // CANCELLED (once; a second call reports alreadyEnded).
  TCancelResult cancelJob(1: string requestId) throws (1: types.IncompleteRequestException e);

  // Extension: the scheduler's wall clock, ms since the epoch. Clients probe it to write a
  // submit deadline (TSchedulingRequest.submitDeadlineEpochMs) in this scheduler's clock.
  i64 currentTimeMs();
}

// Application backends -> their local node monitor.
service NodeMonitorService {
  // listenSocket: "host:port" of the backend's BackendService. Registering again (for example
  // after a backend restart) replaces the previous address.
  bool registerBackend(1: string app, 2: string listenSocket);

  void tasksFinished(1: list<types.TFullTaskId> tasks);

  void sendFrontendMessage(1: string app, 2: types.TFullTaskId taskId,
                           3: i32 status, 4: binary message);
}

// Node monitor -> application backend.
service BackendService {
  void launchTask(1: binary message, 2: types.TFullTaskId taskId,
                  3: types.TUserGroupInfo user);
}

// One frontendMessage, as an element of frontendMessages.
struct TFrontendMessage {
  1: types.TFullTaskId taskId;
  2: i32 status;
  3: binary message;
}

// Scheduler -> application frontend.
service FrontendService {
  void frontendMessage(1: types.TFullTaskId taskId, 2: i32 status, 3: binary message);

  // Extension: several frontendMessage calls in one. Used only for the completion notifications
  // a frontend opted into (notifyCompletion), and only while the frontend implements it: one
  // that answers "unknown method" gets frontendMessage calls from then on.
  void frontendMessages(1: list<TFrontendMessage> messages);
}
