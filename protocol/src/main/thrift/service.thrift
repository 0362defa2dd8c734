// Application-facing services. Service names, method names, argument ids and types are the
// original Sparrow's; new methods are extensions that original clients never call.
// Every service: framed transport, strict binary protocol, one service per port.

include "types.thrift"

namespace java org.sparrow.thrift

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
