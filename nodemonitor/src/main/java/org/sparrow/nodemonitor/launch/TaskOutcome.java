package org.sparrow.nodemonitor.launch;

import org.sparrow.common.TaskState;

import java.util.Objects;

/**
 * What a {@link TaskLauncher} reports when a task ends; the core adds timing and identity to
 * make the {@code TaskResult} it reports.
 *
 * @param output bounded output, or the failure reason; never null
 */
public record TaskOutcome(TaskState state, int exitCode, String output) {

  public TaskOutcome {
    Objects.requireNonNull(state, "state");
    output = output == null ? "" : output;
  }

  public static TaskOutcome succeeded() {
    return new TaskOutcome(TaskState.SUCCEEDED, 0, "");
  }

  public static TaskOutcome succeeded(String output) {
    return new TaskOutcome(TaskState.SUCCEEDED, 0, output);
  }

  /** Exit code 0 succeeds, anything else fails; output kept either way. */
  public static TaskOutcome exited(int exitCode, String output) {
    return new TaskOutcome(exitCode == 0 ? TaskState.SUCCEEDED : TaskState.FAILED, exitCode, output);
  }

  public static TaskOutcome failed(String reason) {
    return new TaskOutcome(TaskState.FAILED, -1, reason);
  }

  public static TaskOutcome lost(String reason) {
    return new TaskOutcome(TaskState.LOST, -1, reason);
  }
}
