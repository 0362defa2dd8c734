package org.sparrow.nodemonitor.task;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.sparrow.nodemonitor.launch.TaskOutcome;
import org.sparrow.common.TaskState;

/**
 * Runs {@code /bin/sh -c <command>} for the calling (slot) thread, capturing stdout and stderr
 * together up to a limit. The command ends when the shell has exited and every process holding
 * its output has closed it; at the timeout the whole process tree is killed, so a runaway
 * command (or a backgrounded child keeping the output open) never holds a slot for much longer
 * than that; time it spends stopped by a preemption (SIGSTOP) does not count. Processes a command
 * leaves behind are killed when it ends: they never outlive the slot.
 */
final class CommandRunner {

  /** How long output may still drain once every process that could be found was killed. */
  private static final long GRACE_MS = 1_000;

  private final long timeoutMs;
  private final int maxOutputBytes;
  private final Executor outputThreads;
  private final Set<ProcessTree> live = ConcurrentHashMap.newKeySet();

  /** @param outputThreads drains command output; must start a thread per command on demand */
  CommandRunner(long timeoutMs, int maxOutputBytes, Executor outputThreads) {
    this.timeoutMs = timeoutMs;
    this.maxOutputBytes = maxOutputBytes;
    this.outputThreads = outputThreads;
  }

  /**
   * Runs {@code command} with the task's identity in its environment: SPARROW_REQUEST_ID,
   * SPARROW_TASK_ID, SPARROW_APP_ID and SPARROW_ATTEMPT (1 = first run; 0 = not known), so a
   * command can make its side effects idempotent per task and attempt.
   */
  TaskOutcome run(String command, org.sparrow.nodemonitor.reservation.TaskLaunch task, PauseControl pause)
      throws InterruptedException {
    ProcessTree tree;
    try {
      ProcessBuilder pb = new ProcessBuilder(
          "/bin/sh", "-c", CommandOutput.GATED_SHELL, "sparrow-command", command)
          .redirectErrorStream(true);
      java.util.Map<String, String> env = pb.environment();
      env.put("SPARROW_REQUEST_ID", task.taskId().requestId());
      env.put("SPARROW_TASK_ID", task.taskId().taskId());
      env.put("SPARROW_APP_ID", String.valueOf(task.taskId().appId()));
      env.put("SPARROW_ATTEMPT", Integer.toString(task.attempt()));
      tree = ProcessTree.start(pb);
    } catch (IOException e) {
      return TaskOutcome.failed("cannot start /bin/sh: " + e.getMessage());
    }
    live.add(tree);
    pause.attach(tree);
    Process shell = tree.shell();
    CommandOutput output = null;
    try {
      output = CommandOutput.drain(shell, maxOutputBytes, outputThreads);
      // The timeout counts running time only: while the tree is stopped (preempted) it waits.
      long timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      PauseControl.Mark started = pause.mark();
      boolean ended = false;
      for (long left; !ended && (left = timeoutNanos - pause.unpausedNanosSince(started)) > 0; ) {
        // Woken at the end or when `left` has passed; if part of it was paused, wait on.
        ended = output.awaitEnd(left)
            && shell.waitFor(timeoutNanos - pause.unpausedNanosSince(started), TimeUnit.NANOSECONDS);
      }
      if (!ended) {
        tree.kill();
        output.awaitEnd(TimeUnit.MILLISECONDS.toNanos(GRACE_MS));
        int exit = shell.waitFor(GRACE_MS, TimeUnit.MILLISECONDS) ? shell.exitValue() : -1;
        return new TaskOutcome(TaskState.FAILED, exit,
            "command timed out after " + timeoutMs + " ms and was killed\n" + output.text());
      }
      if (output.failure() != null) {
        return TaskOutcome.failed("reading command output failed: "
            + output.failure().getMessage() + "\n" + output.text());
      }
      return TaskOutcome.exited(shell.exitValue(), output.text());
    } finally {
      pause.detach();
      tree.kill();  // after a normal end: whatever it left running in the background
      if (output != null) {
        output.close();
      }
      live.remove(tree);
    }
  }

  /** Kills every running command (shutdown). */
  void killAll() {
    live.forEach(ProcessTree::kill);
  }
}
