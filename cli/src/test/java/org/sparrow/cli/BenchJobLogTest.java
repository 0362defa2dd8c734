package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.client.Job;
import org.sparrow.client.JobResult;
import org.sparrow.client.Task;
import org.sparrow.client.TaskResult;
import org.sparrow.client.TaskResult.State;

/** bench --jobs-out's lines: wall-clock submit time, the job's user and priority, its times. */
class BenchJobLogTest {

  private static final long START_EPOCH_MICROS = 1_796_300_000_123_456L;

  private static Job job(String user, int priority) {
    return Job.builder().user(user).priority(priority).task(Task.sleep("t0", 10)).task(Task.sleep("t1", 10)).build();
  }

  @Test
  void aFinishedJobGivesItsSubmitTimeOnTheWallClockAndItsLongestTaskAndOverhead() {
    StringWriter out = new StringWriter();
    try (BenchJobLog log = new BenchJobLog(out)) {
      log.start(START_EPOCH_MICROS);
      JobResult r = new JobResult("r1", "127.0.0.1:4000", List.of(
          new TaskResult("t0", State.SUCCEEDED, 0, 10_500, 300, "nm1", ""),
          new TaskResult("t1", State.SUCCEEDED, 0, 12_250, 1_200, "nm2", "")), 15_000_000L);
      log.finished(7, job("web", 0), 2_500_000_000L, true, r);
      log.failed(8, job("batch", 1), 2_600_000_700L, false);
    }
    assertThat(out.toString().lines().toList()).containsExactly(
        BenchJobLog.HEADER,
        // 15 ms response, longest task 12.25 ms: 2.75 ms overhead; worst queue wait 1.2 ms
        "7,1796300002623.456,2.500000,true,web,0,2,SUCCEEDED,15.000,12.250,2.750,1.200,127.0.0.1:4000",
        "8,1796300002723.456,2.600001,false,batch,1,2,ERROR,,,,,");
  }

  @Test
  void aFailedTaskNamesItsStateAndFreeTextIsQuoted() {
    StringWriter out = new StringWriter();
    try (BenchJobLog log = new BenchJobLog(out)) {
      log.start(0);
      JobResult r = new JobResult("r2", "h:1", List.of(
          new TaskResult("t0", State.SUCCEEDED, 0, 1_000, 0, "nm1", ""),
          new TaskResult("t1", State.TIMED_OUT, -1, 5_000, 0, "nm1", "slow")), 6_000_000L);
      log.finished(0, job("a,\"b\"", 3), 0, true, r);
    }
    assertThat(out.toString().lines().skip(1).findFirst().orElseThrow())
        .isEqualTo("0,0.000,0.000000,true,\"a,\"\"b\"\"\",3,2,TIMED_OUT,6.000,5.000,1.000,0.000,h:1");
  }

  @Test
  void aLineThatCouldNotBeWrittenFailsTheClose() {
    Writer broken = new Writer() {
      private int writes;

      @Override
      public void write(char[] buf, int off, int len) throws IOException {
        if (++writes > 2) {  // the header and its newline go through
          throw new IOException("disk full");
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    BenchJobLog log = new BenchJobLog(broken);
    log.failed(0, job("web", 0), 0, true);
    assertThatThrownBy(log::close).isInstanceOf(UncheckedIOException.class).hasMessageContaining("--jobs-out")
        .hasRootCauseMessage("disk full");
  }

  @Test
  void noneWritesNothingAndClosesQuietly() {
    BenchJobLog.NONE.failed(0, job("web", 0), 0, true);
    BenchJobLog.NONE.close();
  }
}
