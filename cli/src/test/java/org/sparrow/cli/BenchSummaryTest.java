package org.sparrow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparrow.sim.ResponseStats;
import org.sparrow.sim.SimJob;

class BenchSummaryTest {

  private static final long MS = 1_000_000L;

  @Test
  void omniscientReferenceReplaysTheSubmittedJobsAndMeasuresOnlyTheWindow() {
    // Window [10 ms, 100 ms) of intended arrivals. 1 slot: the warm-up job (submitted at 0,
    // 20 ms) delays the measured one (submitted at 12 ms, 5 ms) until 20 ms: response 13 ms.
    BenchRecorder rec = new BenchRecorder(10 * MS, 100 * MS);
    rec.submitted(new SimJob(0, 0, new long[] {20 * MS}), 0, 0);
    rec.submitted(new SimJob(1, 10 * MS, new long[] {5 * MS}), 10 * MS, 12 * MS);
    ResponseStats stats = BenchSummary.omniscientReference(rec, 1);
    assertThat(stats.count()).isEqualTo(1);
    assertThat(stats.p50()).isEqualTo(13 * MS);
    assertThat(rec.measuredJobs()).isEqualTo(1);
    assertThat(rec.millis(rec.submitLagMicros, 50)).isEqualTo(2.0);
  }

  @Test
  void jsonHasTheAgreedShape() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("jobs", 3L);
    m.put("offered_tasks_per_s", 12.5);
    m.put("response_ms", Map.of("p50", 1.0));
    m.put("missing", Double.NaN);
    m.put("errors", List.of("a \"quoted\"\nline"));
    assertThat(Json.write(m)).isEqualTo("""
        {
          "jobs": 3,
          "offered_tasks_per_s": 12.500,
          "response_ms": {
            "p50": 1.000
          },
          "missing": null,
          "errors": ["a \\"quoted\\"\\nline"]
        }
        """);
  }

  @Test
  void benchJobsUseNoopForZeroAndSleepOtherwise() {
    SimJob job = BenchJobs.roundToMillis(new SimJob(0, 0, new long[] {400_000, 2_600_000}));
    assertThat(job.taskNanos()).containsExactly(0, 3 * MS);
    var tasks = new BenchJobs("random", 1.5).toJob(job);
    assertThat(tasks.tasks()).extracting(t -> t.kind()).containsExactly("noop", "sleep");
    assertThat(tasks.policy()).isEqualTo("random");
    assertThat(tasks.probeRatio()).isEqualTo(1.5);
  }
}
