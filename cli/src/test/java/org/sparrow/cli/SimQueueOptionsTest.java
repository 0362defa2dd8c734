package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparrow sim --queue-policy / --weight / --users / --json}: mistakes fail in one line, figures per user. */
class SimQueueOptionsTest {

  @Test
  void anUnknownQueuePolicyFailsListingTheValidOnes() {
    CliRun.run("sim", "--workers", "10", "--jobs", "10", "--queue-policy", "fifo,lifo")
        .failsWithOneLine(1, "unknown queue policy 'lifo'; valid policies: fifo, priority, weighted-fair");
    CliRun.run("sim", "--queue-experiment", "priority", "--workers", "10", "--queue-policy", "edf")
        .failsWithOneLine(1, "valid policies: fifo, priority");
  }

  @Test
  void badUsersAndWeightsFailInOneLine() {
    CliRun.run("sim", "--workers", "10", "--jobs", "10", "--users", "alice:3,bob")
        .failsWithOneLine(1, "NAME:SHARE[:pPRIORITY]");
    CliRun.run("sim", "--workers", "10", "--jobs", "10", "--weight", "alice=x")
        .failsWithOneLine(1, "--weight alice=x: the weight must be a whole number");
    CliRun.run("sim", "--queue-experiment", "fair-share", "--workers", "10", "--weight", "a=1")
        .failsWithOneLine(1, "exactly two --weight");
    CliRun.run("sim", "--queue-experiment", "fair-share", "--workers", "10", "--users", "a:1,b:1")
        .failsWithOneLine(1, "--users applies to the load sweep");
  }

  @Test
  void theSweepReportsEachUserAndWritesThemUnderUsers(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("sim.json");
    CliRun r = CliRun.run("sim", "--workers", "10", "--jobs", "100", "--tasks-per-job", "4", "--load", "0.5",
        "--policy", "batch-late-binding", "--queue-policy", "priority", "--users", "web:1:p0,batch:3:p1",
        "--seed", "5", "--json", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("batch-late-binding/priority").contains("user web").contains("user batch");
    String doc = Files.readString(json);
    assertThat(doc).contains("\"queue_policy\": \"priority\"").contains("\"users\": {")
        .contains("\"achieved_tasks_per_s\"").contains("\"tasks_completed_per_100ms\"").contains("\"priority\": 1");
    // Same seed, same document (apart from the wall and CPU times).
    Path again = dir.resolve("again.json");
    CliRun.run("sim", "--workers", "10", "--jobs", "100", "--tasks-per-job", "4", "--load", "0.5",
        "--policy", "batch-late-binding", "--queue-policy", "priority", "--users", "web:1:p0,batch:3:p1",
        "--seed", "5", "--json", again.toString());
    assertThat(withoutTimes(Files.readString(again))).isEqualTo(withoutTimes(doc));
  }

  private static String withoutTimes(String json) {
    return json.replaceAll("\"(wall_s|cpu_s)\": [0-9.]+", "");
  }
}
