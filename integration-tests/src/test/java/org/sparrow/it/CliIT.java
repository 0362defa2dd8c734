package org.sparrow.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.sparrow.cli.SparrowCli;
import picocli.CommandLine;

/** The sparrow command, run in-process. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CliIT {

  @Test
  void demoRunsJobsAndPrintsTheLatencySummary() throws Exception {
    String printed = run("demo", "--jobs", "200", "--tasks", "3", "--task-ms", "5");
    assertThat(printed).contains("jobs: 200 (200 succeeded, 0 failed)")
        .contains("job response time (ms):  median")
        .contains("scheduling overhead");
  }

  @Test
  void demoWithMetricsPrintsEveryDaemonsMetricsUrl() throws Exception {
    String printed = run("demo", "--jobs", "20", "--tasks", "2", "--task-ms", "5",
        "--node-monitors", "3", "--schedulers", "2", "--metrics", "--http-port", "-1");
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("metrics: (scheduler|node monitor) \\S+ -> http://127\\.0\\.0\\.1:([0-9]+)/metrics").matcher(printed);
    int schedulers = 0;
    int nodeMonitors = 0;
    while (m.find()) {
      assertThat(Integer.parseInt(m.group(2))).as(printed).isPositive();
      if (m.group(1).equals("scheduler")) {
        schedulers++;
      } else {
        nodeMonitors++;
      }
    }
    assertThat(schedulers).as(printed).isEqualTo(2);
    assertThat(nodeMonitors).as(printed).isEqualTo(3);
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"demo", "local", "zookeeper", "scheduler", "nodemonitor",
        "submit", "workers", "settings"}) {
      StringWriter out = new StringWriter();
      CommandLine cli = SparrowCli.newCommandLine();
      cli.setOut(new PrintWriter(out));
      assertThat(cli.execute(command, "--help")).as(command).isZero();
      assertThat(out.toString()).as(command).contains("Usage: sparrow " + command);
    }
  }

  @Test
  void badArgumentsGiveAClearError() {
    StringWriter err = new StringWriter();
    CommandLine cli = SparrowCli.newCommandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("submit", "--scheduler", "127.0.0.1:1", "--kind", "teleport");
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("unknown task kind 'teleport'");

    StringWriter workersErr = new StringWriter();
    CommandLine workers = SparrowCli.newCommandLine();
    workers.setErr(new PrintWriter(workersErr));
    assertThat(workers.execute("workers", "--scheduler", "127.0.0.1:1")).isNotZero();
    assertThat(workersErr.toString()).contains("give --zk");
  }

  /** Runs the command in-process; fails unless it exits 0; returns what it printed. */
  private static String run(String... args) throws Exception {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.PrintStream original = System.out;
    int code;
    try {
      System.setOut(new java.io.PrintStream(out, true, "UTF-8"));
      code = SparrowCli.newCommandLine().execute(args);
    } finally {
      System.setOut(original);
    }
    String printed = out.toString("UTF-8");
    assertThat(code).as(printed).isZero();
    return printed;
  }
}
