package org.sparrow.it.fault;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One daemon process ({@code java ... org.sparrow.cli.SparrowCli <args>}) started by the fault
 * suite, with its output in a log file. Signals go to this process's PID only.
 */
final class Daemon {

  private final String name;
  private final List<String> args;
  /** Extra JVM options (system properties of experiment switches). */
  private final List<String> jvmArgs;
  private final Path log;
  private Process process;
  /** The boot id ZooKeeper listed for this daemon's last process seen registered ("" = none yet). */
  private volatile String listedBootId = "";
  /** Whether the listed boot id may be the current process's (false after a restart until it changes). */
  private volatile boolean listedIsCurrent;

  Daemon(String name, List<String> args, Path logDir) {
    this(name, List.of(), args, logDir);
  }

  Daemon(String name, List<String> jvmArgs, List<String> args, Path logDir) {
    this.name = name;
    this.jvmArgs = List.copyOf(jvmArgs);
    this.args = List.copyOf(args);
    this.log = logDir.resolve(name + ".log");
  }

  String name() {
    return name;
  }

  /** Starts (or starts again, with the same arguments and ports); no-op while it runs. */
  Daemon start() throws IOException {
    if (isAlive()) {
      return this;
    }
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    // Small, quick-to-start JVMs: the whole cluster shares two cores with everything else.
    command.addAll(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classpath(), "org.sparrow.cli.SparrowCli"));
    command.addAll(args);
    listedIsCurrent = false;  // what ZooKeeper lists may still be the previous process's
    process = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return this;
  }

  /** Records the boot id ZooKeeper lists for this daemon's running process. */
  void listedAs(String bootId) {
    listedBootId = bootId == null ? "" : bootId;
    listedIsCurrent = true;
  }

  /**
   * Whether a listed boot id is this process's: any, before the first registration and while
   * the process seen registered runs; after a restart, only one that differs from the old one.
   */
  boolean isNewIncarnation(String bootId) {
    return listedIsCurrent || listedBootId.isEmpty() || !listedBootId.equals(bootId);
  }

  /** Where the process's output goes (appended across restarts). */
  Path log() {
    return log;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  void kill9() throws InterruptedException {
    process.destroyForcibly();  // SIGKILL on Linux
    process.waitFor(30, TimeUnit.SECONDS);
  }

  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + pid() + " failed");
    }
  }

  /** SIGTERM, then waits for the exit; returns the exit status (-1 if it did not exit). */
  int terminate(long timeoutMs) throws IOException, InterruptedException {
    signal("TERM");
    return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
  }

  void stopQuietly() {
    if (process != null && process.isAlive()) {
      try {
        signal("CONT");  // a stopped process does not act on SIGKILL until it runs again
      } catch (IOException | InterruptedException ignored) {
        // best effort
      }
      process.destroyForcibly();
    }
  }

  private static String classpath() {
    // Surefire/failsafe may run the tests from a manifest-only jar; this property is the real path.
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }
}
