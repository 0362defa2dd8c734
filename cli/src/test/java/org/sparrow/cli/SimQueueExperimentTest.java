package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sparrow sim --queue-experiment}: both experiments print a row per policy and write it to JSON. */
class SimQueueExperimentTest {

  @Test
  void thePriorityExperimentComparesEachPolicyWithOneIdleRun(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("prio.json");
    CliRun r = CliRun.run("sim", "--queue-experiment", "priority", "--workers", "8", "--slots", "2",
        "--schedulers", "2", "--duration-s", "1", "--threads", "1", "--json", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("foreground idle p50/p99 ms");
    // One idle run serves every policy: the idle columns of both rows are the same.
    String fifo = r.out().lines().filter(l -> l.startsWith("fifo ")).findFirst().orElseThrow();
    String priority = r.out().lines().filter(l -> l.startsWith("priority ")).findFirst().orElseThrow();
    assertThat(fifo.substring(24, 45)).isEqualTo(priority.substring(24, 45));
    assertThat(Files.readString(json)).contains("\"idle_queue_policy\": \"fifo\"").contains("\"results\": [");
  }

  @Test
  void theFairShareExperimentNamesItsTwoUsersAndTheirWeights(@TempDir Path dir) throws IOException {
    Path json = dir.resolve("fair.json");
    CliRun r = CliRun.run("sim", "--queue-experiment", "fair-share", "--workers", "8", "--slots", "2",
        "--schedulers", "2", "--weight", "a=2", "--weight", "b=1", "--duration-s", "2", "--threads", "1",
        "--json", json.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("a (weight 2) and b (weight 1) each offer 1.00 of the slots, at most 8 jobs")
        .contains("a tasks/s (share)");
    assertThat(r.out().lines().filter(l -> l.startsWith("fifo ") || l.startsWith("weighted-fair "))).hasSize(2);
    assertThat(Files.readString(json)).contains("\"max_outstanding\": 8").contains("\"load\": 1.0");
  }
}
