package org.sparrow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.client.internal.SchedulerFit.JobSize;
import org.sparrow.client.internal.SchedulerFit.Split;
import org.sparrow.common.HostPort;
import org.sparrow.common.SchedulerInfo;

class SchedulerFitTest {

  private static final HostPort A = HostPort.parse("127.0.0.1:7001");
  private static final HostPort B = HostPort.parse("127.0.0.1:7002");
  private static final HostPort OLD = HostPort.parse("127.0.0.1:7003");
  private static final HostPort UNREGISTERED = HostPort.parse("127.0.0.1:7004");

  private static SchedulerInfo advertising(HostPort at, int bytes, int tasks) {
    return new SchedulerInfo(at.toString(), at.host(), at.port(), at.port() + 100, "boot", 0, bytes, tasks);
  }

  private final SchedulerFit fit = SchedulerFit.of(List.of(advertising(A, 10_000, 2), advertising(B, 5_000, 50),
      new SchedulerInfo(OLD.toString(), OLD.host(), OLD.port(), 1)));

  @Test
  void eachSchedulerIsJudgedByItsOwnLimitsNotTheSmallest() {
    Split s = fit.split(List.of(A, B, OLD), new JobSize(3, 1_000));

    assertThat(s.fitting()).containsExactly(B, OLD);
    assertThat(s.misfits()).singleElement().satisfies(m -> {
      assertThat(m.scheduler()).isEqualTo(A);
      assertThat(m.reason()).contains("127.0.0.1:7001", "at most 2 tasks per job", "maxTasksPerJob", "has 3");
    });
  }

  @Test
  void aJobAtALimitFitsAndOneAboveDoesNot() {
    assertThat(fit.misfit(A, new JobSize(2, 10_000))).isEmpty();
    assertThat(fit.misfit(A, new JobSize(2, 10_001))).get().asString()
        .contains("at most 10000 bytes", "maxRequestBytes", "10001 bytes").doesNotContain("tasks per job");
    assertThat(fit.misfit(B, new JobSize(51, 1))).get().asString().contains("at most 50 tasks");
  }

  @Test
  void bothLimitsExceededAreBothNamed() {
    assertThat(fit.misfit(A, new JobSize(3, 20_000))).get().asString()
        .contains("at most 2 tasks per job", "has 3", "at most 10000 bytes", "20000 bytes");
  }

  @Test
  void schedulersAdvertisingNothingOrWithoutAnEntryAreNotExcluded() {
    JobSize huge = new JobSize(Integer.MAX_VALUE, Long.MAX_VALUE);
    assertThat(fit.misfit(OLD, huge)).isEmpty();
    assertThat(fit.misfit(UNREGISTERED, huge)).isEmpty();
    assertThat(SchedulerFit.none().split(List.of(A, B), huge).fitting()).containsExactly(A, B);
  }

  @Test
  void whenNoneFitsTheRejectionNamesEverySchedulersLimitAndTheJobsValue() {
    Split s = fit.split(List.of(B, A), new JobSize(60, 6_000));

    assertThat(s.fitting()).isEmpty();
    assertThat(s.misfits()).extracting(SchedulerFit.Misfit::scheduler).containsExactly(B, A);
    assertThat(s.rejection()).contains(
        "scheduler 127.0.0.1:7002 takes at most 50 tasks per job (maxTasksPerJob), the job has 60",
        "at most 5000 bytes (maxRequestBytes), the job's is 6000 bytes",
        "scheduler 127.0.0.1:7001 takes at most 2 tasks per job (maxTasksPerJob), the job has 60",
        "split it into smaller jobs");
  }

  @Test
  void theClientsOwnFrameLimitIsTheAbsoluteMaximum() {
    assertThat(SchedulerFit.beyondClient(new JobSize(1, 8_192), 8_192)).isEmpty();
    assertThat(SchedulerFit.beyondClient(new JobSize(1, 8_193), 8_192)).get().asString()
        .startsWith("job request is 8193 bytes, above the limit of 8192 bytes")
        .contains("MAX_REQUEST_BYTES");
  }

  @Test
  void aSkipIsLoggedAtInfoOncePerSchedulerAndLimits() {
    MisfitLog log = new MisfitLog();
    JobSize big = new JobSize(60, 6_000);
    assertThat(log.skipped(fit.split(List.of(A, B), big).misfits())).isEqualTo(2);
    assertThat(log.skipped(fit.split(List.of(A, B), new JobSize(70, 7_000)).misfits())).as("same limits").isZero();
    // B restarted with other limits: said again, A still quiet.
    SchedulerFit changed = SchedulerFit.of(List.of(advertising(A, 10_000, 2), advertising(B, 5_000, 40)));
    assertThat(log.skipped(changed.split(List.of(A, B), big).misfits())).isEqualTo(1);
  }
}
