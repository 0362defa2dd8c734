package org.sparrow.nodemonitor.task;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A command's shell and every process started under it. A child that outlives its parent is
 * re-parented and so is no longer among the shell's descendants; to still find it, the shell
 * gets a unique marker variable that every process under it inherits (where /proc shows
 * environments, i.e. Linux). Only a process that clears its environment escapes.
 */
final class ProcessTree {

  static final String MARKER_VARIABLE = "SPARROW_COMMAND_ID";
  private static final Path PROC = Path.of("/proc");
  // A process may fork while a round kills; a later round finds its children.
  private static final int KILL_ROUNDS = 3;

  private final Process shell;
  private final String marker;

  private ProcessTree(Process shell, String marker) {
    this.shell = shell;
    this.marker = marker;
  }

  static ProcessTree start(ProcessBuilder builder) throws IOException {
    String id = UUID.randomUUID().toString();
    builder.environment().put(MARKER_VARIABLE, id);
    return new ProcessTree(builder.start(), MARKER_VARIABLE + "=" + id);
  }

  Process shell() {
    return shell;
  }

  /** Kills the shell and every process under it that can still be found. */
  void kill() {
    for (int round = 0; round < KILL_ROUNDS; round++) {
      // Take the descendants while the shell is alive (they are re-parented once it dies), and
      // kill the shell first so it cannot start the next command.
      List<ProcessHandle> found = new ArrayList<>(shell.descendants().toList());
      boolean shellWasAlive = shell.isAlive();
      shell.destroyForcibly();
      found.addAll(marked());
      found.forEach(ProcessHandle::destroyForcibly);
      if (found.isEmpty() && !shellWasAlive) {
        return;
      }
    }
  }

  private List<ProcessHandle> marked() {
    if (!Files.isDirectory(PROC)) {
      return List.of();
    }
    // Handles carry the start time, so a pid reused since the scan is never killed.
    return ProcessHandle.allProcesses().filter(this::carriesMarker).toList();
  }

  private boolean carriesMarker(ProcessHandle p) {
    try {
      byte[] env = Files.readAllBytes(PROC.resolve(Long.toString(p.pid())).resolve("environ"));
      return Arrays.asList(new String(env, StandardCharsets.ISO_8859_1).split("\0"))
          .contains(marker);
    } catch (IOException | SecurityException e) {
      return false;  // exited meanwhile, or not ours to read (another user's)
    }
  }

  /**
   * Sends {@code SIG<name>} (STOP, CONT) to the shell and its descendants, with {@code kill}
   * (Java has no SIGSTOP); a process that exited meanwhile is skipped.
   */
  void signal(String name) {
    List<ProcessHandle> found = new ArrayList<>();
    found.add(shell.toHandle());
    found.addAll(shell.descendants().toList());  // not the /proc scan: this runs per preemption
    List<String> cmd = new ArrayList<>(List.of("kill", "-" + name));
    found.stream().filter(ProcessHandle::isAlive).map(p -> Long.toString(p.pid())).distinct()
        .forEach(cmd::add);
    if (cmd.size() == 2) {
      return;
    }
    try {
      Process kill = new ProcessBuilder(cmd).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
        kill.destroyForcibly();
      }
    } catch (IOException e) {
      // no kill(1): the task just keeps running (it is not lost, only not paused)
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
