package org.sparrow.scheduler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sparrow.common.HostPort;
import org.sparrow.scheduler.job.FullTaskId;
import org.sparrow.scheduler.job.TaskResult;

final class RecordingNotifier implements FrontendNotifier {

  record Notice(HostPort frontend, TaskResult result) {}

  record Relayed(HostPort frontend, FullTaskId taskId, int status, byte[] message) {}

  final List<Notice> notices = new CopyOnWriteArrayList<>();
  final List<Relayed> relayed = new CopyOnWriteArrayList<>();
  /** Frontends heartbeats were sent to, in order. */
  final List<HostPort> heartbeats = new CopyOnWriteArrayList<>();
  /** Set: heartbeats reach their frontend (else they fail, as to a partitioned client). */
  volatile boolean frontendsReachable;
  /** Set: heartbeats never come back (a hung frontend). */
  volatile boolean heartbeatsHang;

  @Override
  public java.util.concurrent.CompletionStage<Void> heartbeat(HostPort frontend, HostPort scheduler) {
    heartbeats.add(frontend);
    if (heartbeatsHang) {
      return new java.util.concurrent.CompletableFuture<>();
    }
    return frontendsReachable ? java.util.concurrent.CompletableFuture.completedFuture(null)
        : java.util.concurrent.CompletableFuture.failedFuture(new java.io.IOException("unreachable"));
  }

  @Override
  public void taskFinished(HostPort frontend, TaskResult result) {
    notices.add(new Notice(frontend, result));
  }

  @Override
  public void relay(HostPort frontend, FullTaskId taskId, int status, byte[] message) {
    relayed.add(new Relayed(frontend, taskId, status, message));
  }
}
