package org.sparrow.nodemonitor.task;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.sparrow.common.Guarded;
import org.sparrow.common.TaskKind;
import org.sparrow.nodemonitor.launch.BuiltInTaskLimits;
import org.sparrow.nodemonitor.launch.StopOutcome;
import org.sparrow.nodemonitor.launch.TaskLauncher;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the built-in task kinds (noop, sleep, command, java) on a fixed pool of exactly
 * {@code slots} threads: the core never runs more tasks than slots, so no task waits for a
 * thread and no thread is created per task. {@code sleep} and {@code command} tasks can be
 * suspended (a preemptive queue policy gives their slot to more urgent work); a suspended task
 * keeps its thread, so while tasks are suspended the pool has {@code slots} plus that many
 * threads (it shrinks back as they resume or end).
 *
 * <p>No task stays RUNNING because its body threw: an {@link Error} ends it FAILED with the
 * error as its reason, and a {@link VirtualMachineError} (out of memory...) also goes to the
 * daemon's fatal path ({@link Guarded}), as does any failure of the pools' own threads.
 *
 * <p>Each idea has its own class and lock: this class finds a launched task by id and runs its
 * kind's body; {@link TaskRun} is one task's state from launch to end (its thread, stopped,
 * paused, ended); {@link PausedThreads} sizes the pool to the slots plus the paused tasks;
 * {@link PauseControl} is what a pause does to the body.
 */
public final class InProcessTaskLauncher implements TaskLauncher, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessTaskLauncher.class);

  private final boolean allowCommand;
  private final ThreadPoolExecutor pool;
  private final PausedThreads pausedThreads;
  private final Consumer<Throwable> fatal;
  private final int maxOutputBytes;
  private final ExecutorService commandOutput;
  private final CommandRunner commands;
  private final JavaTaskRunner javaTasks;
  /**
   * Tasks launched and not ended, so a stop or a pause can find them. Only a lookup: each task's
   * state is its {@link TaskRun}'s, which a stop or pause that finds an ended one is told.
   */
  private final Map<TaskKey, TaskRun> running = new ConcurrentHashMap<>();

  private record TaskKey(String requestId, String taskId) {
    static TaskKey of(TaskId id) {
      return new TaskKey(id.requestId(), id.taskId());
    }
  }

  private InProcessTaskLauncher(Builder b) {
    if (b.slots <= 0) {
      throw new IllegalArgumentException("slots must be at least 1, got " + b.slots);
    }
    if (b.commandTimeoutMs <= 0) {
      throw new IllegalArgumentException("command timeout must be positive, got " + b.commandTimeoutMs);
    }
    if (b.maxOutputBytes <= 0) {
      throw new IllegalArgumentException("max output bytes must be positive, got " + b.maxOutputBytes);
    }
    this.allowCommand = b.allowCommand;
    this.fatal = b.fatal;
    this.maxOutputBytes = b.maxOutputBytes;
    this.pool = Guarded.pool(b.threadName + "-slot", b.slots, LOG, fatal);
    this.pausedThreads = new PausedThreads(pool, b.slots);
    // Not bounded by slots: a drain whose writer escaped the kill may stay blocked for a while.
    this.commandOutput = allowCommand
        ? Guarded.cachedPool(b.threadName + "-command-output", LOG, fatal)
        : null;
    this.commands = allowCommand ? new CommandRunner(b.commandTimeoutMs, b.maxOutputBytes, commandOutput) : null;
    this.javaTasks = new JavaTaskRunner(b.classLoader, b.maxOutputBytes);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public CompletionStage<TaskOutcome> launch(TaskLaunch task) {
    TaskKind kind;
    try {
      kind = TaskKind.parse(task.kind());
      if (kind == TaskKind.COMMAND && !allowCommand) {
        return CompletableFuture.completedFuture(TaskOutcome.failed(
            "command tasks are disabled on this node monitor (start it with command tasks allowed)"));
      }
      kind.validateArgument(task.message());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(TaskOutcome.failed(e.getMessage()));
    }
    CompletableFuture<TaskOutcome> done = new CompletableFuture<>();
    TaskKey key = TaskKey.of(task.taskId());
    TaskRun r = new TaskRun(kind, new PauseControl(), pausedThreads);
    running.put(key, r);
    try {
      pool.execute(() -> done.complete(runGuarded(key, r, task)));
    } catch (RejectedExecutionException e) {
      forget(key, r);
      done.complete(TaskOutcome.lost("node monitor is shutting down"));
    }
    return done;
  }

  /**
   * Its job was cancelled: a command's process tree is killed (the slot thread is interrupted,
   * and the command runner kills the tree as it unwinds), any other kind's thread interrupted.
   */
  @Override
  public StopOutcome stop(TaskId task) {
    TaskRun r = running.get(TaskKey.of(task));
    if (r == null || !r.stop()) {
      return StopOutcome.NOT_RUNNING;
    }
    return r.kind == TaskKind.COMMAND ? StopOutcome.KILLED : StopOutcome.INTERRUPTED;
  }

  /** Sleep tasks and (allowed) command tasks can be paused without losing work. */
  @Override
  public boolean canSuspend(TaskLaunch task) {
    if (task.kind() == null) {
      return false;
    }
    try {
      TaskKind kind = TaskKind.parse(task.kind());
      return TaskRun.pausable(kind) && (kind != TaskKind.COMMAND || allowCommand);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @Override
  public void suspend(TaskId task) {
    TaskRun r = running.get(TaskKey.of(task));
    if (r != null && r.markPaused(true)) {
      r.pause.pause();
    }
  }

  @Override
  public void resume(TaskId task) {
    TaskRun r = running.get(TaskKey.of(task));
    if (r != null && r.markPaused(false)) {
      r.pause.resume();
    }
  }

  /** Tasks started here that have not ended. */
  public int runningTasks() {
    return running.size();
  }

  /** Tasks paused now, each holding a pool thread beyond the slots. */
  int pausedTasks() {
    return pausedThreads.paused();
  }

  /**
   * The task's outcome even when its body threw an {@link Error}: FAILED with the error, so the
   * slot is freed and the scheduler told. A fatal one also takes the daemon's fatal path (the
   * task is not retried elsewhere as LOST: it may well be what exhausted the heap).
   */
  private TaskOutcome runGuarded(TaskKey key, TaskRun r, TaskLaunch task) {
    try {
      return runStoppable(key, r, task);
    } catch (Throwable t) {
      String what = r.kind.wireName() + " task " + task.taskId().taskId() + " of " + task.taskId().requestId();
      Guarded.route(what, LOG, t, fatal);
      return TaskOutcome.failed(BoundedOutput.truncate(r.kind.wireName() + " task failed: " + t
          + (Guarded.isFatal(t) ? " (fatal to the node monitor, which stops)" : ""), maxOutputBytes));
    }
  }

  private TaskOutcome runStoppable(TaskKey key, TaskRun r, TaskLaunch task) {
    if (!r.start()) {
      running.remove(key, r);
      return stoppedOutcome(r.kind);
    }
    TaskOutcome outcome;
    boolean stopped;
    try {
      outcome = run(r.kind, task, r.pause);
    } finally {
      stopped = forget(key, r);
      // A stop that interrupted this thread just before the task ended must not hit the next task.
      Thread.interrupted();
    }
    return stopped ? stoppedOutcome(r.kind) : outcome;
  }

  /** It ended: out of the lookup (after its end, so a stop that still finds it is refused). */
  private boolean forget(TaskKey key, TaskRun r) {
    boolean stopped = r.end();
    running.remove(key, r);
    return stopped;
  }

  private static TaskOutcome stoppedOutcome(TaskKind kind) {
    return TaskOutcome.failed("stopped: its job was cancelled ("
        + (kind == TaskKind.COMMAND ? "process tree killed" : "interrupted") + ")");
  }

  private TaskOutcome run(TaskKind kind, TaskLaunch task, PauseControl pause) {
    String argument = new String(task.message(), StandardCharsets.UTF_8);
    try {
      return switch (kind) {
        case NOOP -> TaskOutcome.succeeded();
        case SLEEP -> {
          pause.sleep(TaskKind.sleepMillis(argument));
          yield TaskOutcome.succeeded();
        }
        case COMMAND -> commands.run(argument.trim(), task, pause);
        case JAVA -> javaTasks.run(task, argument);
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return TaskOutcome.lost("interrupted: node monitor shutting down");
    } catch (RuntimeException e) {
      return TaskOutcome.failed(kind.wireName() + " task failed: " + e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
    if (commandOutput != null) {
      commands.killAll();
      commandOutput.shutdownNow();
    }
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Configuration of an {@link InProcessTaskLauncher}. */
  public static final class Builder {
    private int slots = Runtime.getRuntime().availableProcessors();
    private boolean allowCommand;
    private long commandTimeoutMs = BuiltInTaskLimits.DEFAULT_COMMAND_TIMEOUT_MS;
    private int maxOutputBytes = BuiltInTaskLimits.DEFAULT_MAX_OUTPUT_BYTES;
    private ClassLoader classLoader = InProcessTaskLauncher.class.getClassLoader();
    private String threadName = "nodemonitor";
    private Consumer<Throwable> fatal = Guarded.processFatalPath();

    private Builder() {}

    /**
     * Where a {@link VirtualMachineError} of a task or a pool thread goes. Default: the process's
     * fatal path ({@link Guarded#processFatalPath()}); a daemon passes its own.
     */
    public Builder fatalPath(Consumer<Throwable> fatal) {
      this.fatal = java.util.Objects.requireNonNull(fatal, "fatal");
      return this;
    }

    public Builder slots(int slots) {
      this.slots = slots;
      return this;
    }

    /** Whether {@code command} tasks (arbitrary shell commands) may run. Default false. */
    public Builder allowCommand(boolean allow) {
      this.allowCommand = allow;
      return this;
    }

    public Builder commandTimeoutMs(long ms) {
      this.commandTimeoutMs = ms;
      return this;
    }

    /** Bound on captured command output and failure messages. Default 4 KiB. */
    public Builder maxOutputBytes(int bytes) {
      this.maxOutputBytes = bytes;
      return this;
    }

    /** Where {@code java} task classes are loaded from. Default: this module's loader. */
    public Builder classLoader(ClassLoader loader) {
      this.classLoader = loader;
      return this;
    }

    /** Prefix of the slot threads' names. */
    public Builder threadName(String prefix) {
      this.threadName = prefix;
      return this;
    }

    public InProcessTaskLauncher build() {
      return new InProcessTaskLauncher(this);
    }
  }
}
