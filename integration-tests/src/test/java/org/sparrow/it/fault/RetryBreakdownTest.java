package org.sparrow.it.fault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sparrow.it.fault.RetryBreakdown.UNKNOWN;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryBreakdownTest {

  private static final long MS = 1_000_000L;

  /** 12:00:00.000 UTC on a fixed day is nanoTime 5 s. */
  private static final RetryBreakdown.Clocks CLOCKS = new RetryBreakdown.Clocks(5_000 * MS,
      LocalDate.of(2026, 12, 3).atTime(12, 0).toInstant(ZoneOffset.UTC).toEpochMilli(), ZoneOffset.UTC);

  @Test
  void logTimesMapOntoTheTestJvmsNanoTime() {
    assertThat(CLOCKS.toNanos(LocalTime.parse("12:00:01.250"))).isEqualTo(6_250 * MS);
    assertThat(CLOCKS.toNanos(LocalTime.parse("11:59:59.000"))).isEqualTo(4_000 * MS);
  }

  @Test
  void aLogLineJustAfterMidnightBelongsToTheNextDay() {
    long ref = Instant.parse("2026-12-03T23:59:59.500Z").toEpochMilli();
    RetryBreakdown.Clocks c = new RetryBreakdown.Clocks(0, ref, ZoneOffset.UTC);
    assertThat(c.toNanos(LocalTime.parse("00:00:00.100"))).isEqualTo(600 * MS);
  }

  @Test
  void theSchedulerLogGivesTheFirstSuspicionAndRetryAfterAMark() {
    RetryBreakdown.SchedulerLog log = RetryBreakdown.SchedulerLog.parse(List.of(
        "12:00:00.100 WARN  [timer] o.s.s.FailureResponses - Node monitor 127.0.0.1:7001 is suspect (refused): no new reservations; re-placing what it held",
        "12:00:00.101 INFO  [timer] o.s.s.EffectRunner - Job 127.0.0.1:9000/b1/17: retrying 1 lost tasks, e.g. t0",
        "12:00:02.000 WARN  [timer] o.s.s.FailureResponses - Node monitor 127.0.0.1:7002 is suspect (refused): no new reservations; re-placing what it held",
        "12:00:03.000 WARN  [timer] o.s.s.FailureResponses - Node monitor 127.0.0.1:7001 is suspect (timeout): again",
        "not a log line at all: Node monitor 127.0.0.1:7001 is suspect",
        "12:00:02.001 INFO  [timer] o.s.s.EffectRunner - Job 127.0.0.1:9000/b1/17: retrying 1 lost tasks, e.g. t1"),
        CLOCKS);

    // 12:00:00.100 = 5100 ms; a kill at 5099.5 ms finds it.
    assertThat(log.suspectAfter("127.0.0.1:7001", 5_099 * MS + MS / 2)).isEqualTo(5_100 * MS);
    // After the first suspicion, only the later one counts.
    assertThat(log.suspectAfter("127.0.0.1:7001", 5_500 * MS)).isEqualTo(8_000 * MS);
    assertThat(log.suspectAfter("127.0.0.1:7003", 0)).isEqualTo(UNKNOWN);
    assertThat(log.retryAfter("127.0.0.1:9000/b1/17", 5_100 * MS)).isEqualTo(5_101 * MS);
    assertThat(log.retryAfter("127.0.0.1:9000/b1/17", 7_000 * MS)).isEqualTo(7_001 * MS);
    assertThat(log.retryAfter("127.0.0.1:9000/b1/18", 0)).isEqualTo(UNKNOWN);
  }

  @Test
  void phasesAreTheGapsBetweenMarks() {
    // started 0, killed 600, suspect 650, retry 652, reservation at the survivor 660 (launch 1060
    // minus 400 queued), done 2070, result 2075 (ms)
    RetryBreakdown.Marks m = new RetryBreakdown.Marks("s1-3/t0", "nm-a", "nm-c", 0, 600 * MS, 650 * MS,
        652 * MS, 400 * MS, 1_060 * MS, 2_070 * MS, 2_075 * MS);
    assertThat(m.lostRun()).isEqualTo(600 * MS);
    assertThat(m.detection()).isEqualTo(50 * MS);
    assertThat(m.decision()).isEqualTo(2 * MS);
    assertThat(m.replacement()).isEqualTo(8 * MS);
    assertThat(m.queued()).isEqualTo(400 * MS);
    assertThat(m.rerun()).isEqualTo(1_010 * MS);
    assertThat(m.report()).isEqualTo(5 * MS);
    assertThat(m.killToRelaunch()).isEqualTo(460 * MS);
    assertThat(m.line()).isEqualTo("s1-3/t0 (lost on nm-a, re-ran on nm-c): lost run 600 | kill->suspect 50"
        + " | ->retry 2 | ->reservation on survivor 8 | queued there 400 | re-run 1010 | ->result 5"
        + " (kill->re-launch 460)");
  }

  @Test
  void aMissingMarkLeavesOnlyItsPhasesUnknown() {
    RetryBreakdown.Marks m = new RetryBreakdown.Marks("s1-4/t1", "nm-a", "nm-c", UNKNOWN, 600 * MS, UNKNOWN,
        UNKNOWN, 10 * MS, 700 * MS, 1_700 * MS, 1_710 * MS);
    assertThat(m.lostRun()).isEqualTo(UNKNOWN);
    assertThat(m.detection()).isEqualTo(UNKNOWN);
    assertThat(m.replacement()).isEqualTo(UNKNOWN);
    assertThat(m.rerun()).isEqualTo(1_000 * MS);
    assertThat(m.line()).contains("lost run ? | kill->suspect ? | ->retry ? | ->reservation on survivor ?");
  }

  @Test
  void theSummaryGivesMedianAndMaxOfTheKnownValues() {
    List<RetryBreakdown.Marks> tasks = List.of(
        new RetryBreakdown.Marks("a", "x", "y", 0, 100 * MS, 110 * MS, 110 * MS, 0, 200 * MS, 1_200 * MS, 1_201 * MS),
        new RetryBreakdown.Marks("b", "x", "y", 0, 100 * MS, 130 * MS, 131 * MS, 0, 600 * MS, 1_600 * MS, 1_602 * MS),
        new RetryBreakdown.Marks("c", "x", "y", 0, 100 * MS, UNKNOWN, UNKNOWN, 0, 300 * MS, 1_300 * MS, 1_303 * MS));
    assertThat(RetryBreakdown.summary(tasks))
        .startsWith("3 retried tasks, median/max ms: lost run 100/100 | kill->suspect 10/30 | ->retry 0/1")
        .endsWith("kill->re-launch 200/500");
  }
}
