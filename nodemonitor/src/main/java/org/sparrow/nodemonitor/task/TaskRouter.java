package org.sparrow.nodemonitor.task;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.sparrow.nodemonitor.launch.StopOutcome;
import org.sparrow.nodemonitor.launch.TaskLauncher;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/**
 * Built-in kinds run in-process; tasks without a kind go to the app's backend. Also where a stop
 * request for a task that has not started yet is remembered (its getTasks answer may still be on
 * its way), so that task never starts.
 */
public final class TaskRouter implements TaskLauncher {

  /** Stops remembered for tasks not (yet) running; old ones are forgotten first. */
  static final int REMEMBERED_STOPS = 4096;

  private record TaskKey(String requestId, String taskId) {
    static TaskKey of(TaskId id) {
      return new TaskKey(id.requestId(), id.taskId());
    }
  }

  private final TaskLauncher builtIn;
  private final TaskLauncher backend;
  /** Guarded by this. */
  private final Map<TaskKey, Boolean> stoppedBeforeLaunch = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<TaskKey, Boolean> eldest) {
      return size() > REMEMBERED_STOPS;
    }
  };

  public TaskRouter(TaskLauncher builtIn, TaskLauncher backend) {
    this.builtIn = Objects.requireNonNull(builtIn, "builtIn");
    this.backend = Objects.requireNonNull(backend, "backend");
  }

  /**
   * Synchronized with {@link #stop}: a task is either stopped before it starts or registered with
   * its launcher before a stop can look for it. Both launchers only hand the task over, so the
   * lock is held briefly.
   */
  @Override
  public synchronized CompletionStage<TaskOutcome> launch(TaskLaunch task) {
    if (stoppedBeforeLaunch.remove(TaskKey.of(task.taskId())) != null) {
      return CompletableFuture.completedFuture(TaskOutcome.failed("its job was cancelled before it started"));
    }
    return task.isBuiltIn() ? builtIn.launch(task) : backend.launch(task);
  }

  /** The scheduler names the task, not its kind: whichever launcher runs it answers. */
  @Override
  public synchronized StopOutcome stop(TaskId task) {
    StopOutcome outcome = backend.stop(task);
    if (outcome == StopOutcome.NOT_RUNNING) {
      outcome = builtIn.stop(task);
    }
    if (outcome == StopOutcome.NOT_RUNNING) {
      stoppedBeforeLaunch.put(TaskKey.of(task), Boolean.TRUE);
    }
    return outcome;
  }

  /** Only built-in kinds can be suspended; backends' tasks cannot. */
  @Override
  public boolean canSuspend(TaskLaunch task) {
    return task.isBuiltIn() && builtIn.canSuspend(task);
  }

  @Override
  public void suspend(TaskId task) {
    builtIn.suspend(task);
  }

  @Override
  public void resume(TaskId task) {
    builtIn.resume(task);
  }
}
