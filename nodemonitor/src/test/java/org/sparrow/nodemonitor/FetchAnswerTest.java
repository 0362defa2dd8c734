package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;
import org.sparrow.common.TaskState;
import org.sparrow.common.UserInfo;
import org.sparrow.nodemonitor.queue.QueuedReservation;
import org.sparrow.nodemonitor.queue.ReleaseReason;
import org.sparrow.nodemonitor.queue.SlotClaim;
import org.sparrow.nodemonitor.reservation.Reservation;
import org.sparrow.nodemonitor.reservation.TaskId;
import org.sparrow.nodemonitor.reservation.TaskLaunch;

/** The pure decision on a getTasks answer: which tasks start, which are refused, which slots go back. */
class FetchAnswerTest {

  private static final HostPort SCHEDULER = new HostPort("127.0.0.1", 20503);

  private static SlotClaim claim(int slots) {
    Reservation r = Reservation.lateBinding("r", "app", UserInfo.ANONYMOUS, SCHEDULER, 4, "nm");
    return new SlotClaim(new QueuedReservation(r, 0, 0), 0, slots);
  }

  private static List<TaskLaunch> tasks(int n) {
    return IntStream.range(0, n).mapToObj(i -> new TaskLaunch(new TaskId("t" + i, "r", "app", SCHEDULER),
        UserInfo.ANONYMOUS, new byte[0], "noop")).toList();
  }

  @Test
  void fewerTasksThanSlotsStartThemAndReleaseTheRestUnused() {
    FetchAnswer a = FetchAnswer.of(claim(3), new FetchedTasks(tasks(2), false), null, false);
    assertThat(a.verdict()).isEqualTo(FetchAnswer.Verdict.ANSWERED);
    assertThat(a.start()).hasSize(2);
    assertThat(a.refused()).isEmpty();
    assertThat(a.released()).isEqualTo(Map.of(ReleaseReason.UNUSED, 1));
    assertThat(a.dropRequest()).isFalse();
  }

  @Test
  void anEmptyOrExhaustedAnswerDropsTheRequest() {
    assertThat(FetchAnswer.of(claim(2), new FetchedTasks(List.of(), false), null, false).dropRequest()).isTrue();
    assertThat(FetchAnswer.of(claim(2), null, null, false).released()).isEqualTo(Map.of(ReleaseReason.UNUSED, 2));
    FetchAnswer exhausted = FetchAnswer.of(claim(2), new FetchedTasks(tasks(2), true), null, false);
    assertThat(exhausted.dropRequest()).isTrue();
    assertThat(exhausted.released()).isEmpty();
  }

  @Test
  void tasksBeyondTheClaimAreRefusedAsFailed() {
    FetchAnswer a = FetchAnswer.of(claim(1), new FetchedTasks(tasks(3), false), null, false);
    assertThat(a.start()).extracting(t -> t.taskId().taskId()).containsExactly("t0");
    assertThat(a.refused()).hasSize(2).allSatisfy(r -> {
      assertThat(r.outcome().state()).isEqualTo(TaskState.FAILED);
      assertThat(r.outcome().output()).contains("maxTasks=1");
    });
    assertThat(a.released()).as("the extra tasks held no slot").isEmpty();
  }

  @Test
  void aClosedNodeMonitorRefusesEveryTaskAsLostAndReleasesTheirSlotsAsRefused() {
    FetchAnswer a = FetchAnswer.of(claim(3), new FetchedTasks(tasks(2), false), null, true);
    assertThat(a.start()).isEmpty();
    assertThat(a.refused()).hasSize(2).allSatisfy(r -> assertThat(r.outcome().state()).isEqualTo(TaskState.LOST));
    assertThat(a.released()).isEqualTo(Map.of(ReleaseReason.REFUSED, 2, ReleaseReason.UNUSED, 1));
  }

  @Test
  void anUnansweredFetchKeepsTheRequestAndAFailedOneDropsIt() {
    FetchAnswer late = FetchAnswer.of(claim(2), null,
        new CompletionException(new SchedulerUnresponsiveException("no answer in 1 s", null)), false);
    assertThat(late.verdict()).isEqualTo(FetchAnswer.Verdict.UNRESPONSIVE);
    assertThat(late.dropRequest()).isFalse();
    assertThat(late.released()).isEqualTo(Map.of(ReleaseReason.UNUSED, 2));

    FetchAnswer failed = FetchAnswer.of(claim(2), null, new IllegalStateException("connection refused"), false);
    assertThat(failed.verdict()).isEqualTo(FetchAnswer.Verdict.FAILED);
    assertThat(failed.dropRequest()).isTrue();
    assertThat(failed.released()).isEqualTo(Map.of(ReleaseReason.UNUSED, 2));
  }
}
