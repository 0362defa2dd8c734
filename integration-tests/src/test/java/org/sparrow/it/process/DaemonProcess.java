package org.sparrow.it.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * One JVM started by a test ({@code java <jvm options> -cp <test classpath> <main> <args>}),
 * its output appended to a log file. Everything done to it goes to its own PID only; a test
 * suite stops every process it started in its teardown ({@link #stopQuietly}).
 *
 * <p>Shared by the suites that need daemons as separate processes: the fatal-path and RSS
 * tests of {@code it/hostile} (with the production flags, {@link LaunchFlags}) and the fault
 * suite of {@code it/fault} ({@link ProcessCluster#restartable}: kill -9, STOP/CONT, SIGTERM, restart).
 */
public final class DaemonProcess {

  /** The {@code sparrow} command's main class. */
  public static final String CLI_MAIN = "org.sparrow.cli.SparrowCli";

  private final String name;
  private final List<String> command;
  private final Map<String, String> env;
  private final Path log;
  private Process process;

  private DaemonProcess(Builder b) {
    this.name = b.name;
    this.log = b.logDir.resolve(b.name + ".log");
    this.env = Map.copyOf(b.env);
    List<String> c = new ArrayList<>();
    c.add(ProcessHandle.current().info().command().orElse("java"));
    c.addAll(b.jvmOptions);
    c.addAll(List.of("-cp", testClasspath(), b.mainClass));
    c.addAll(b.args);
    this.command = List.copyOf(c);
  }

  public static Builder builder(String name, Path logDir) {
    return new Builder(name, logDir);
  }

  public String name() {
    return name;
  }

  /** The command line (for messages). */
  public List<String> command() {
    return command;
  }

  /** Starts the process (again, after it ended: same command, output appended). */
  public DaemonProcess start() throws IOException {
    if (isAlive()) {
      throw new IllegalStateException(name + " is running already (pid " + pid() + ")");
    }
    Files.createDirectories(log.getParent());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().putAll(env);
    process = pb.start();
    return this;
  }

  /** Starts the process unless it runs (a fault scenario's restore: after a kill, or a TERM that took). */
  public DaemonProcess startIfStopped() throws IOException {
    return isAlive() ? this : start();
  }

  public long pid() {
    return requireStarted().pid();
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** Waits up to {@code timeout} for the process to end: its exit status, or empty if it runs on. */
  public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
    Process p = requireStarted();
    return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? OptionalInt.of(p.exitValue()) : OptionalInt.empty();
  }

  /** Writes one line to the process's standard input. */
  public void sendLine(String line) throws IOException {
    OutputStream in = requireStarted().getOutputStream();
    in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
  }

  /** Resident set size now, in bytes ({@code VmRSS} of /proc/&lt;pid&gt;/status); -1 once it ended. */
  public long rssBytes() {
    return ProcStatus.rssBytes(pid());
  }

  /** Threads of the process now ({@code Threads} of /proc/&lt;pid&gt;/status); -1 once it ended. */
  public int threads() {
    return ProcStatus.threads(pid());
  }

  public Path log() {
    return log;
  }

  /**
   * The frame limit its Thrift server {@code server} serves, as the server logs it at start
   * ("&lt;server&gt; listening on ... frame limit N bytes"): lower than configured on a small heap.
   */
  public int frameLimit(String server) {
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("\\] [^ ]+ - " + java.util.regex.Pattern.quote(server) + " listening on .*frame limit (\\d+) bytes")
        .matcher(logTail(10_000));
    String last = null;
    while (m.find()) {  // the log is appended across runs: this process's line is the last
      last = m.group(1);
    }
    if (last == null) {
      throw new IllegalStateException(name + " logged no frame limit for " + server + " in " + log);
    }
    return Integer.parseInt(last);
  }

  /** The last {@code lines} lines of its log, for a failure message. */
  public String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** {@code kill -9}, then waits (up to 30 s) for the process to be gone. */
  public void kill9() throws InterruptedException {
    Process p = requireStarted();
    p.destroyForcibly();  // SIGKILL on Linux
    p.waitFor(30, TimeUnit.SECONDS);
  }

  /** {@code kill -<signal> <pid>} (STOP, CONT, TERM...); fails loudly if kill does not succeed. */
  public void signal(String signal) throws IOException, InterruptedException {
    long pid = pid();
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IOException("kill -" + signal + " " + pid + " (" + name + ") failed");
    }
  }

  /** SIGTERM, then waits up to {@code timeoutMs} for the exit: its status, or -1 if it runs on. */
  public int terminate(long timeoutMs) throws IOException, InterruptedException {
    signal("TERM");
    Process p = requireStarted();
    return p.waitFor(timeoutMs, TimeUnit.MILLISECONDS) ? p.exitValue() : -1;
  }

  /** SIGCONT (a stopped process does not act on SIGKILL until it runs again), then SIGKILL. */
  public void stopQuietly() {
    if (process == null || !process.isAlive()) {
      return;
    }
    try {
      new ProcessBuilder("kill", "-CONT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      // best effort
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public String toString() {
    return name + (process == null ? " (not started)" : " (pid " + process.pid() + ")");
  }

  private Process requireStarted() {
    if (process == null) {
      throw new IllegalStateException(name + " was not started");
    }
    return process;
  }

  private static String testClasspath() {
    // Surefire/failsafe may run the tests from a manifest-only jar; this property is the real path.
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /** What to run; the main class defaults to the {@code sparrow} command's. */
  public static final class Builder {
    private final String name;
    private final Path logDir;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> args = new ArrayList<>();
    private String mainClass = CLI_MAIN;

    private Builder(String name, Path logDir) {
      this.name = Objects.requireNonNull(name);
      this.logDir = Objects.requireNonNull(logDir);
    }

    /** The JVM options and environment of {@code flags} (as a launch script sets them). */
    public Builder flags(LaunchFlags flags) {
      jvmOptions.addAll(flags.jvmOptions());
      env.putAll(flags.environment());
      return this;
    }

    public Builder jvmOptions(List<String> options) {
      jvmOptions.addAll(options);
      return this;
    }

    public Builder env(String key, String value) {
      env.put(key, value);
      return this;
    }

    public Builder mainClass(String className) {
      this.mainClass = Objects.requireNonNull(className);
      return this;
    }

    public Builder args(List<String> more) {
      args.addAll(more);
      return this;
    }

    public DaemonProcess build() {
      return new DaemonProcess(this);
    }
  }
}
