package org.sparrow.scheduler;

import org.sparrow.common.HostPort;

/** Talks to frontends: completion notices (opt-in) and the original message relay. */
public interface FrontendNotifier {

  /** A task of a job that opted in to notifications ended. */
  void taskFinished(HostPort frontend, TaskResult result);

  /** SchedulerService.sendFrontendMessage, passed on unchanged. */
  void relay(HostPort frontend, FullTaskId taskId, int status, byte[] message);

  FrontendNotifier NONE = new FrontendNotifier() {
    @Override
    public void taskFinished(HostPort frontend, TaskResult result) {}

    @Override
    public void relay(HostPort frontend, FullTaskId taskId, int status, byte[] message) {}
  };
}
