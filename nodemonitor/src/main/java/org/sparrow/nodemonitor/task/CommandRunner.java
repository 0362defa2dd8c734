package org.sparrow.nodemonitor.task;

import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sparrow.nodemonitor.TaskOutcome;
import org.sparrow.nodemonitor.TaskState;

/**
 * Runs {@code /bin/sh -c <command>} on the calling (slot) thread, capturing stdout and stderr
 * together up to a limit. A shared timer kills the process tree when the timeout passes, so a
 * runaway command never holds a slot for longer than that.
 */
final class CommandRunner {

  private final long timeoutMs;
  private final int maxOutputBytes;
  private final ScheduledExecutorService timer;
  private final Set<Process> live = ConcurrentHashMap.newKeySet();

  CommandRunner(long timeoutMs, int maxOutputBytes, ScheduledExecutorService timer) {
    this.timeoutMs = timeoutMs;
    this.maxOutputBytes = maxOutputBytes;
    this.timer = timer;
  }

  TaskOutcome run(String command) throws InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder("/bin/sh", "-c", command)
          .redirectErrorStream(true)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
    } catch (IOException e) {
      return TaskOutcome.failed("cannot start /bin/sh: " + e.getMessage());
    }
    live.add(process);
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> killer = timer.schedule(() -> {
      timedOut.set(true);
      killTree(process);
    }, timeoutMs, TimeUnit.MILLISECONDS);
    try (InputStream out = process.getInputStream()) {
      String output = BoundedOutput.drain(out, maxOutputBytes);
      int exit = process.waitFor();
      if (timedOut.get()) {
        return new TaskOutcome(TaskState.FAILED, exit,
            "command timed out after " + timeoutMs + " ms and was killed\n" + output);
      }
      return TaskOutcome.exited(exit, output);
    } catch (IOException e) {
      killTree(process);
      return TaskOutcome.failed("reading command output failed: " + e.getMessage());
    } catch (InterruptedException e) {
      killTree(process);
      throw e;
    } finally {
      killer.cancel(false);
      live.remove(process);
    }
  }

  /** Kills every running command (shutdown: a thread blocked reading output ignores interrupts). */
  void killAll() {
    live.forEach(CommandRunner::killTree);
  }

  private static void killTree(Process process) {
    // Take the tree before the shell dies (its children are then re-parented and no longer its
    // descendants), kill the shell first so it cannot start the next command, then the rest.
    java.util.List<ProcessHandle> tree = process.descendants().toList();
    process.destroyForcibly();
    tree.forEach(ProcessHandle::destroyForcibly);
  }
}
