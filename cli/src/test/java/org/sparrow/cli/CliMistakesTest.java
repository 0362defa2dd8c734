package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparrow.zk.EmbeddedZooKeeper;
import org.sparrow.zk.ZkClusterDirectory;
import picocli.CommandLine;

/**
 * Every mistake a new user made in issue 9 gets one clear line on stderr and a non-zero exit,
 * before any work starts; and the conventions every command shares (--version, environment
 * defaults, --json).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class CliMistakesTest {

  private static EmbeddedZooKeeper zk;

  @BeforeAll
  static void startZooKeeper() {
    zk = EmbeddedZooKeeper.builder().port(0).build();
    zk.start();
    // A cluster that exists (its znodes), so a misspelled name has something to be told apart from.
    try (ZkClusterDirectory d = ZkClusterDirectory.builder().connectString(zk.connectString()).clusterName("real").build()) {
      d.start();
    }
  }

  @AfterAll
  static void stopZooKeeper() {
    zk.close();
  }

  @Test
  void anUnreachableZooKeeperIsOneLineWithoutStackTraces() throws Exception {
    // A real process, as a user runs it: ZooKeeper's and Curator's own logging would show here.
    Process p = new ProcessBuilder(javaCommand("workers", "--zk", "127.0.0.1:" + closedPort(), "--zk-timeout-ms", "1000"))
        .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(SparrowCli.EXIT_FAILED);
    assertThat(out).isEmpty();
    assertThat(err.strip().lines().toList()).as(err).singleElement().asString()
        .startsWith("error: cannot reach ZooKeeper at 127.0.0.1:").contains("within 1000 ms");
  }

  @Test
  void aClientCommandOnAHealthyClusterPrintsNothingOnStderrAndTakesItsDefaultsFromTheEnvironment() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(javaCommand("workers"));
    pb.environment().put("SPARROW_ZK", zk.connectString());
    pb.environment().put("SPARROW_CLUSTER", "real");
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(err).isZero();
    assertThat(err).isEmpty();
    assertThat(out).startsWith("0 node monitors in cluster 'real', 0 schedulers");
  }

  @Test
  void aClusterThatDoesNotExistIsNamedAndNotCreated() {
    CliRun.run("workers", "--zk", zk.connectString(), "--cluster", "reel")
        .failsWithOneLine(1, "cluster 'reel' does not exist in ZooKeeper at " + zk.connectString()
            + " (clusters there: real)");
    // Asking did not create it.
    CliRun.run("settings", "--zk", zk.connectString(), "--cluster", "reel").failsWithOneLine(1, "does not exist");
    CliRun.run("jobs", "--zk", zk.connectString(), "--cluster", "reel").failsWithOneLine(1, "does not exist");
    CliRun.run("submit", "--zk", zk.connectString(), "--cluster", "reel").failsWithOneLine(1, "does not exist");
  }

  @Test
  void environmentDefaultsApplyAndTheCommandLineWins() {
    Map<String, String> env = Map.of("SPARROW_ZK", zk.connectString(), "SPARROW_CLUSTER", "real");
    CliRun fromEnv = CliRun.run(env, "settings", "--json");
    assertThat(fromEnv.code()).as(fromEnv.err()).isZero();
    assertThat(fromEnv.out()).contains("\"cluster\": \"real\"").contains("\"probeRatio\"");
    CliRun.run(env, "settings", "--cluster", "other").failsWithOneLine(1, "cluster 'other' does not exist");
    assertThat(CliRun.run(env, "workers", "--help").out()).contains("default: " + zk.connectString());
  }

  @Test
  void simWithAnUnwritablePlotPathFailsBeforeSimulating(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("a-file"), "x");
    CliRun r = CliRun.run("sim", "--workers", "10", "--jobs", "10", "--plot", file.resolve("plot.png").toString())
        .failsWithOneLine(1, "--plot " + file.resolve("plot.png") + " cannot be written: " + file + " is not a directory");
    assertThat(r.out()).doesNotContain("Simulating");
    CliRun.run("sim", "--workers", "10", "--csv", dir.toString()).failsWithOneLine(1, "is a directory");
  }

  @Test
  void demoWithNoTasksFailsBeforeStartingACluster() {
    CliRun r = CliRun.run("demo", "--tasks", "0").failsWithOneLine(1, "--tasks must be at least 1");
    assertThat(r.out()).doesNotContain("Starting");
    CliRun.run("demo", "--slots", "0").failsWithOneLine(1, "must be at least 1");
  }

  @Test
  void benchWithAnUnknownPolicyNamesTheValidOnesBeforeAnyWork() {
    CliRun r = CliRun.run("bench", "--rate", "10", "--slots", "4", "--scheduler", "127.0.0.1:1", "--policy", "nosuch")
        .failsWithOneLine(1, "unknown placement policy 'nosuch'");
    assertThat(r.err()).contains("batch-late-binding");
    assertThat(r.out()).doesNotContain("Cluster:");
  }

  @Test
  void benchJobsOutIsRefusedWhereThereAreNoJobsToListOrNoFileToWrite(@TempDir Path dir) {
    CliRun.run("bench", "--saturate", "--slots", "4", "--scheduler", "127.0.0.1:1", "--jobs-out", dir.resolve("j.csv").toString())
        .failsWithOneLine(1, "--jobs-out is for --load, --rate and --sequential runs");
    CliRun.run("bench", "--rate", "10", "--slots", "4", "--scheduler", "127.0.0.1:1", "--jobs-out", dir.toString())
        .failsWithOneLine(1, "is a directory");
  }

  @Test
  void benchUsersTakeTheSimulatorsSyntaxAndOneSourceOfPriority() {
    CliRun.run("bench", "--rate", "10", "--slots", "4", "--scheduler", "127.0.0.1:1", "--users", "web:1:p0,batch:x")
        .failsWithOneLine(1, "NAME:SHARE[:pPRIORITY]");
    CliRun.run("bench", "--rate", "10", "--slots", "4", "--scheduler", "127.0.0.1:1", "--users", "web:1:p0,batch:3:p1",
        "--priority", "2").failsWithOneLine(1, "give --priority or per-user priorities in --users");
  }

  @Test
  void submitWithANegativeRateIsRefused() {
    CliRun.run("submit", "--scheduler", "127.0.0.1:1", "--rate", "-1").failsWithOneLine(1, "--rate must be 0");
    CliRun.run("submit", "--scheduler", "127.0.0.1:1", "--policy", "nosuch").failsWithOneLine(1, "nosuch");
    CliRun.run("submit", "--scheduler", "127.0.0.1:1", "--timeout-s", "0").failsWithOneLine(1, "--timeout-s");
  }

  @Test
  void usageMistakesAreOneLineWithExitTwo() {
    CliRun.run("workers", "--no-such-option").failsWithOneLine(2, "Unknown option: '--no-such-option'")
        .err().contains("sparrow workers --help");
    CliRun.run("kill").failsWithOneLine(2, "Missing required parameter");
    CliRun.run("workers", "--zk", zk.connectString(), "--cluster", "real", "--format", "yaml")
        .failsWithOneLine(1, "unknown --format 'yaml'; valid: text, json");
    CliRun.run("status", "--zk", zk.connectString(), "--cluster", "real", "no-such-job")
        .failsWithOneLine(1, "no-such-job");
  }

  @Test
  void everyCommandPrintsTheBuildsVersion() {
    CommandLine cli = SparrowCli.newCommandLine(Map.of());
    List<String> commands = new ArrayList<>(cli.getSubcommands().keySet());
    commands.remove("help");
    assertThat(commands).contains("workers", "jobs", "status", "kill", "settings", "submit", "demo", "sim");
    for (String command : commands) {
      CliRun r = CliRun.run(command, "--version");
      assertThat(r.code()).as(command).isZero();
      assertThat(r.out().strip()).as(command).matches("sparrow \\d+\\.\\d+\\.\\d+.*");
    }
    assertThat(CliRun.run("--version").out().strip()).matches("sparrow \\d+\\.\\d+\\.\\d+.*");
  }

  private static List<String> javaCommand(String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SparrowCli.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
