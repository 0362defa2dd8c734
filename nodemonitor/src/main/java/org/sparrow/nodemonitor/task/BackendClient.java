package org.sparrow.nodemonitor.task;

import org.sparrow.common.HostPort;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/** Hands a task to an application backend (BackendService.launchTask); may block briefly. */
@FunctionalInterface
public interface BackendClient {

  void launchTask(HostPort backend, TaskLaunch task) throws Exception;

  /** Drops reusable connections to {@code backend}: it restarted, so they lead nowhere. */
  default void forget(HostPort backend) {}
}
