package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import picocli.CommandLine;

/**
 * {@code submit}'s pacing and printing, with its options parsed as on the command line, a fake
 * client (each job ends as it is sent) and a fake clock that only moves when the command waits.
 */
class SubmitCommandTest {

  /** Moves only when waited on, so "when was each job sent" is exact, not measured. */
  private static final class FakePacer implements Workload.Pacer {
    long now = 5_000_000_000L;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void waitUntil(long nanos) {
      now = Math.max(now, nanos);
    }
  }

  private final FakePacer pacer = new FakePacer();
  /** When each job was sent, in ms since the first. */
  private final List<Long> sentAtMs = new ArrayList<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private LatencyReport submit(String... args) throws Exception {
    SubmitCommand command = new SubmitCommand();
    new CommandLine(command).parseArgs(args);
    long first = pacer.now;
    return command.run(job -> {
      sentAtMs.add((pacer.now - first) / 1_000_000);
      String id = "127.0.0.1:20503/boot/" + sentAtMs.size();
      return CompletableFuture.completedFuture(new JobResult(id, "127.0.0.1:20503", List.of(), 3_000_000));
    }, Job.of(1, "noop", ""), pacer, new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  private List<String> printed() {
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void verboseJobsGoOutAtTheRateAndEachIsPrinted() throws Exception {
    LatencyReport report = submit("--jobs", "5", "--rate", "10", "--verbose");

    assertThat(sentAtMs).as("sent at (ms)").containsExactly(0L, 100L, 200L, 300L, 400L);
    assertThat(report.jobs()).isEqualTo(5);
    assertThat(printed()).hasSize(5).allSatisfy(l -> assertThat(l).contains("  ok  response 3.00 ms"));
    assertThat(printed().get(4)).startsWith("127.0.0.1:20503/boot/5 ");
  }

  @Test
  void withoutVerboseTheSameRateAndNoLinePerJob() throws Exception {
    LatencyReport report = submit("--jobs", "3", "--rate", "4");

    assertThat(sentAtMs).containsExactly(0L, 250L, 500L);
    assertThat(report.jobs()).isEqualTo(3);
    assertThat(printed()).isEmpty();
  }

  @Test
  void verboseWithoutARateSendsOneAfterAnotherAtOnce() throws Exception {
    submit("--jobs", "3", "--verbose");

    assertThat(sentAtMs).containsExactly(0L, 0L, 0L);
    assertThat(printed()).hasSize(3);
  }

  @Test
  void aFailedJobIsPrintedAsFailed() throws Exception {
    SubmitCommand command = new SubmitCommand();
    new CommandLine(command).parseArgs("--jobs", "2", "--rate", "100", "--verbose");

    LatencyReport report = command.run(job -> CompletableFuture.failedFuture(new IllegalStateException("no scheduler")),
        Job.of(1, "noop", ""), pacer, new PrintStream(out, true, StandardCharsets.UTF_8));

    assertThat(report.failedJobs()).isEqualTo(2);
    assertThat(printed()).hasSize(2).allSatisfy(l -> assertThat(l).startsWith("failed: ").contains("no scheduler"));
  }
}
