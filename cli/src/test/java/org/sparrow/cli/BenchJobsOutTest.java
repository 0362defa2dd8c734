package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sparrow.local.LocalCluster;

/**
 * {@code bench --jobs-out} end to end on a local cluster (real ZooKeeper and sockets): a line for
 * every submitted job, warm-up ones marked, each with the run's user and priority and times that
 * add up (response = longest task + overhead, none shorter than its task).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BenchJobsOutTest {

  private static LocalCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = LocalCluster.builder().nodeMonitors(2).slots(2).schedulers(1).zkPort(0).clusterName("jobsout")
        .build().start();
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void everyJobGetsOneLineWithItsUserPriorityAndTimes(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("out/jobs.csv");
    long before = System.currentTimeMillis();
    CliRun run = CliRun.run(Map.of("SPARROW_ZK", cluster.connectString(), "SPARROW_CLUSTER", "jobsout"),
        "bench", "--rate", "20", "--tasks-per-job", "2", "--task-ms", "5", "--warmup-s", "0.5", "--duration-s", "1",
        "--user", "web", "--priority", "3", "--progress-s", "100", "--jobs-out", file.toString());
    long after = System.currentTimeMillis();
    assertThat(run.code()).as(run.out() + run.err()).isZero();
    assertThat(run.out()).contains("wrote " + file);

    List<String> lines = Files.readAllLines(file);
    assertThat(lines.get(0)).isEqualTo(BenchJobLog.HEADER);
    List<String[]> jobs = lines.stream().skip(1).map(l -> l.split(",", -1)).toList();
    int submitted = Integer.parseInt(run.out().replaceAll("(?s).*measured: (\\d+) jobs.*", "$1"));
    assertThat(jobs).hasSize(30);  // ceil(20 jobs/s x 1.5 s), every one submitted (nothing dropped)
    assertThat(jobs.stream().filter(j -> j[3].equals("true"))).hasSize(submitted);
    assertThat(jobs.stream().map(j -> Integer.parseInt(j[0])).sorted().toList())
        .isEqualTo(IntStream.range(0, 30).boxed().toList());
    for (String[] j : jobs) {
      assertThat(j).hasSize(13);
      assertThat(j[4]).isEqualTo("web");
      assertThat(j[5]).isEqualTo("3");
      assertThat(j[6]).isEqualTo("2");
      assertThat(j[7]).isEqualTo("SUCCEEDED");
      double submitEpochMs = Double.parseDouble(j[1]);
      assertThat(submitEpochMs).isBetween((double) before, (double) after);
      double response = Double.parseDouble(j[8]);
      double longest = Double.parseDouble(j[9]);
      double overhead = Double.parseDouble(j[10]);
      assertThat(longest).isGreaterThanOrEqualTo(4.5);  // a 5-ms sleep, as the node monitor timed it
      assertThat(response).isGreaterThanOrEqualTo(longest);
      assertThat(longest + overhead).isCloseTo(response, offset(0.002));
      assertThat(j[12]).startsWith("127.0.0.1:");
    }
  }
}
