package org.sparrow.scheduler;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.sparrow.common.HostPort;

final class RecordingNotifier implements FrontendNotifier {

  record Notice(HostPort frontend, TaskResult result) {}

  record Relayed(HostPort frontend, FullTaskId taskId, int status, byte[] message) {}

  final List<Notice> notices = new CopyOnWriteArrayList<>();
  final List<Relayed> relayed = new CopyOnWriteArrayList<>();

  @Override
  public void taskFinished(HostPort frontend, TaskResult result) {
    notices.add(new Notice(frontend, result));
  }

  @Override
  public void relay(HostPort frontend, FullTaskId taskId, int status, byte[] message) {
    relayed.add(new Relayed(frontend, taskId, status, message));
  }
}
