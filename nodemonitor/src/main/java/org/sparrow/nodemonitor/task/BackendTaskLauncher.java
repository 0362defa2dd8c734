package org.sparrow.nodemonitor.task;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.sparrow.common.Guarded;
import org.sparrow.common.HostPort;
import org.sparrow.common.thrift.PeerUnreachableException;
import org.sparrow.nodemonitor.launch.StopOutcome;
import org.sparrow.nodemonitor.launch.TaskLauncher;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks without a built-in kind the original Sparrow way: hands them to the backend
 * registered for their app, which reports them finished later through
 * {@link #tasksFinished}. A task whose app has no backend fails at once; one whose launch RPC
 * fails, or whose backend registers again (it restarted, at the same or a new address) before
 * the task was reported, is LOST, so its slot is never held forever. A launch that fails with an
 * {@link Error} is LOST too (a {@link VirtualMachineError} also takes the daemon's fatal path).
 */
public final class BackendTaskLauncher implements TaskLauncher, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(BackendTaskLauncher.class);

  private record TaskKey(String requestId, String taskId) {
    static TaskKey of(TaskId id) {
      return new TaskKey(id.requestId(), id.taskId());
    }
  }

  private record Pending(CompletableFuture<TaskOutcome> done, String app,
      BackendRegistry.Registration backend) {}

  private final BackendRegistry registry;
  private final BackendClient client;
  private final ExecutorService launches;
  private final Consumer<Throwable> fatal;
  private final Map<TaskKey, Pending> pending = new ConcurrentHashMap<>();

  /**
   * @param launchThreads threads making launchTask calls (they only hand tasks over, so a few
   *                      suffice)
   * @param threadName    prefix of those threads' names
   */
  public BackendTaskLauncher(BackendRegistry registry, BackendClient client, int launchThreads,
      String threadName) {
    this(registry, client, launchThreads, threadName, Guarded.processFatalPath());
  }

  /** @param fatal where a {@link VirtualMachineError} of a launch thread goes */
  public BackendTaskLauncher(BackendRegistry registry, BackendClient client, int launchThreads,
      String threadName, Consumer<Throwable> fatal) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.client = Objects.requireNonNull(client, "client");
    this.fatal = Objects.requireNonNull(fatal, "fatal");
    this.launches = Guarded.pool(threadName + "-backend-launch", launchThreads, LOG, fatal);
    registry.addListener(this::backendRegistered);
  }

  @Override
  public CompletionStage<TaskOutcome> launch(TaskLaunch task) {
    String app = task.taskId().appId();
    BackendRegistry.Registration backend = registry.registration(app);
    if (backend == null) {
      return CompletableFuture.completedFuture(TaskOutcome.failed("no application backend is "
          + "registered for app '" + app + "' on this node monitor (backends register with "
          + "NodeMonitorService.registerBackend)"));
    }
    if (registry.isDown(backend)) {
      return CompletableFuture.completedFuture(TaskOutcome.lost(downReason(app, backend)));
    }
    TaskKey key = TaskKey.of(task.taskId());
    Pending p = new Pending(new CompletableFuture<>(), app, backend);
    if (pending.putIfAbsent(key, p) != null) {
      return CompletableFuture.completedFuture(TaskOutcome.failed("task " + key.taskId()
          + " of request " + key.requestId() + " is already running on this node monitor"));
    }
    try {
      launches.execute(() -> launchGuarded(key, p, task));
    } catch (RejectedExecutionException e) {
      lose(key, p, "node monitor is shutting down");
    }
    return p.done();
  }

  /** Whatever launchNow throws, the task ends (LOST: the backend may never have seen it). */
  private void launchGuarded(TaskKey key, Pending p, TaskLaunch task) {
    try {
      launchNow(key, p, task);
    } catch (Throwable t) {
      Guarded.route("launching task " + key.taskId() + " of " + key.requestId() + " at a backend", LOG, t, fatal);
      lose(key, p, "launching it at the backend of app '" + p.app() + "' failed on the node monitor: " + t);
    }
  }

  private void launchNow(TaskKey key, Pending p, TaskLaunch task) {
    if (pending.get(key) != p) {
      return;  // already lost while queued here: the backend must not run it
    }
    // A re-registration between the lookup in launch() and the pending entry swept the tasks
    // without this one, so check again now that it is visible to the sweep.
    BackendRegistry.Registration current = registry.registration(p.app());
    if (!p.backend().equals(current)) {
      lose(key, p, reRegisteredReason(p, current.address()));
      return;
    }
    HostPort backend = p.backend().address();
    if (registry.isDown(p.backend())) {
      lose(key, p, downReason(p.app(), p.backend()));
      return;
    }
    try {
      client.launchTask(backend, task);
    } catch (PeerUnreachableException e) {
      // Nothing listens there: the backend is gone. Stop handing it tasks (LOST, so the
      // scheduler runs them elsewhere) and stop announcing its app until it registers again.
      if (registry.markDown(p.app(), p.backend())) {
        LOG.warn("Backend of app '{}' at {} refuses connections ({}); marked down: its tasks end "
            + "LOST and the app is no longer announced here until the backend registers again",
            p.app(), backend, e.getMessage());
      }
      lose(key, p, downReason(p.app(), p.backend()));
    } catch (Exception e) {
      LOG.debug("launchTask of {} at backend {} failed", task, backend, e);
      lose(key, p, "backend of app '" + p.app() + "' at " + backend
          + " failed to launch the task: " + e);
    }
  }

  private static String downReason(String app, BackendRegistry.Registration backend) {
    return "backend of app '" + app + "' at " + backend.address()
        + " refuses connections (marked down on this node monitor until it registers again)";
  }

  /** The backend says these tasks finished (succeeded); returns how many were running here. */
  public int tasksFinished(Collection<TaskId> tasks) {
    int known = 0;
    for (TaskId id : tasks) {
      Pending p = pending.remove(TaskKey.of(id));
      if (p != null) {
        known++;
        p.done().complete(TaskOutcome.succeeded());
      } else {
        LOG.debug("Backend reported unknown task {} of {}", id.taskId(), id.requestId());
      }
    }
    return known;
  }

  /** Sparrow cannot stop a task a backend runs: it says so, and the slot stays busy until reported. */
  @Override
  public StopOutcome stop(TaskId task) {
    return pending.containsKey(TaskKey.of(task)) ? StopOutcome.NOT_STOPPABLE : StopOutcome.NOT_RUNNING;
  }

  /** Tasks handed to backends and not yet reported. */
  public int pendingTasks() {
    return pending.size();
  }

  private void backendRegistered(String app, HostPort previous, HostPort current) {
    if (previous == null) {
      return;
    }
    // A registration means the backend process (re)started: whatever it was running is gone
    // and will never be reported, and pooled connections to the old process are dead.
    client.forget(previous);
    BackendRegistry.Registration now = registry.registration(app);
    pending.forEach((key, p) -> {
      if (p.app().equals(app) && !p.backend().equals(now)) {
        lose(key, p, reRegisteredReason(p, current));
      }
    });
  }

  private static String reRegisteredReason(Pending p, HostPort current) {
    HostPort old = p.backend().address();
    String what = old.equals(current)
        ? " re-registered (the backend restarted)"
        : " was replaced by a new registration at " + current;
    return "backend of app '" + p.app() + "' at " + old + what + " before the task finished";
  }

  private void lose(TaskKey key, Pending p, String reason) {
    if (pending.remove(key, p)) {
      p.done().complete(TaskOutcome.lost(reason));
    }
  }

  @Override
  public void close() {
    launches.shutdownNow();
    pending.forEach((key, p) -> lose(key, p, "node monitor is shutting down"));
  }
}
