package org.sparrow.scheduler;

import org.sparrow.common.HostPort;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.job.TaskResult;

/** Talks to frontends: completion notices (opt-in) and the original message relay. */
public interface FrontendNotifier {

  /** A task of a job that opted in to notifications ended. */
  void taskFinished(HostPort frontend, TaskResult result);

  /** SchedulerService.sendFrontendMessage, passed on unchanged. */
  void relay(HostPort frontend, FullTaskId taskId, int status, byte[] message);

  /**
   * Tells the frontend that {@code scheduler} is alive and reaches it (STATUS_HEARTBEAT, for the
   * leases of {@link org.sparrow.scheduler.failure.ClientLeases}); completes once delivered.
   * By default it never is: a lease on a job whose frontend cannot be told ends.
   */
  default java.util.concurrent.CompletionStage<Void> heartbeat(HostPort frontend, HostPort scheduler) {
    return java.util.concurrent.CompletableFuture.failedFuture(
        new UnsupportedOperationException("this notifier sends no heartbeats"));
  }

  FrontendNotifier NONE = new FrontendNotifier() {
    @Override
    public void taskFinished(HostPort frontend, TaskResult result) {}

    @Override
    public void relay(HostPort frontend, FullTaskId taskId, int status, byte[] message) {}
  };
}
