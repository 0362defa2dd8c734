package org.sparrow.nodemonitor;

import org.sparrow.common.HostPort;

/** Receives every finished task. Must not block (reporting is asynchronous). */
@FunctionalInterface
public interface CompletionSink {

  /**
   * @param scheduler the SchedulerInternalService of the scheduler that placed the task
   */
  void taskFinished(HostPort scheduler, TaskResult result);
}
