package org.sparrow.scheduler.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sparrow.common.Clock;
import org.sparrow.scheduler.job.HandedOut;
import org.sparrow.thrift.TFullTaskId;
import org.sparrow.thrift.TGetTasksResponse;
import org.sparrow.thrift.THostPort;
import org.sparrow.thrift.TTaskLaunch;
import org.sparrow.thrift.TUserGroupInfo;

class RepeatedFetchesTest {

  private long now;
  private final Clock clock = new Clock() {
    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public long currentTimeMillis() {
      return now / 1_000_000;
    }
  };

  @Test
  void aRepeatedFetchIdGetsTheFirstAnswerAndAFetchWithoutIdIsNeverRemembered() {
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 10, 1_000_000, () -> { });
    AtomicInteger computed = new AtomicInteger();
    TGetTasksResponse first = ask(fetches, "nm-1", () -> answer(computed));
    assertThat(ask(fetches, "nm-1", () -> answer(computed))).isEqualTo(first);
    assertThat(computed).hasValue(1);
    ask(fetches, null, () -> answer(computed));
    ask(fetches, "", () -> answer(computed));
    assertThat(computed).hasValue(3);
    assertThat(fetches.size()).isEqualTo(1);
  }

  @Test
  void answersAreForgottenAfterTheirTimeOrBeyondTheBound() {
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 2, 1_000_000, () -> { });
    AtomicInteger computed = new AtomicInteger();
    ask(fetches, "a", () -> answer(computed));
    ask(fetches, "b", () -> answer(computed));
    ask(fetches, "c", () -> answer(computed));
    assertThat(fetches.size()).isEqualTo(2);
    now += 2_000_000_000L;
    ask(fetches, "d", () -> answer(computed));
    assertThat(fetches.size()).isEqualTo(1);
  }

  @Test
  void aRepeatGetsAnAnswerEqualToTheFirstInEveryFieldThoughItWasKeptAsBytes() {
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 10, 1_000_000, () -> { });
    TGetTasksResponse first = new TGetTasksResponse(List.of(
        new TTaskLaunch(new TFullTaskId("t-1", "r-1", "app", new THostPort("127.0.0.1", 20503)),
            new TUserGroupInfo("alice", "eng", 3), ByteBuffer.wrap(new byte[] {0, 1, 2, (byte) 255}))
            .setKind("sleep").setAttempt(2),
        new TTaskLaunch(new TFullTaskId("t-2", "r-1", "app", new THostPort("127.0.0.1", 20503)),
            new TUserGroupInfo("alice", "eng", 3), ByteBuffer.wrap(new byte[0]))), false);
    assertThat(ask(fetches, "nm-1", () -> first)).isSameAs(first);

    TGetTasksResponse repeat = ask(fetches, "nm-1", () -> {
      throw new AssertionError("a repeat must not hand out tasks again");
    });
    assertThat(repeat).isEqualTo(first).isNotSameAs(first);
    assertThat(repeat.getTasks().get(0).getMessage()).containsExactly(0, 1, 2, 255);
    // Kept as its encoding: about the size of its strings and message, not of its object graph.
    assertThat(fetches.keptBytes()).isBetween(60L, 200L);
  }

  @Test
  void overTheByteBoundTheOldestAnswersGoFirstAndTheirRepeatsGetNoTasksNotANewHandout() {
    int size = encodedSize(withMessage("t-0", 1_000));
    AtomicInteger evictions = new AtomicInteger();
    // Room for two answers of `size` bytes, not three.
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 10, 2L * size + size / 2,
        evictions::incrementAndGet);
    TGetTasksResponse a = ask(fetches, "a", () -> withMessage("t-a", 1_000));
    TGetTasksResponse b = ask(fetches, "b", () -> withMessage("t-b", 1_000));
    assertThat(fetches.keptBytes()).isEqualTo(2L * size);
    ask(fetches, "c", () -> withMessage("t-c", 1_000));

    assertThat(fetches.keptBytes()).isEqualTo(2L * size);
    assertThat(evictions).hasValue(1);
    assertThat(fetches.evictedByBytes()).isEqualTo(1);
    assertThat(ask(fetches, "b", RepeatedFetchesTest::handedOutAgain)).isEqualTo(b);
    assertThat(ask(fetches, "c", RepeatedFetchesTest::handedOutAgain).getTasks().get(0)
        .getTaskId().getTaskId()).isEqualTo("t-c");
    TGetTasksResponse repeatOfA = ask(fetches, "a", RepeatedFetchesTest::handedOutAgain);
    assertThat(repeatOfA.getTasks()).isEmpty();
    assertThat(repeatOfA.isExhausted()).isTrue();
    assertThat(a.getTasks()).hasSize(1);  // the first caller got its tasks all the same
    assertThat(fetches.size()).isEqualTo(3);  // "a" is still remembered, without its bytes

    // Its time over, the remembered id goes like any other, and the bytes count stays exact.
    now += 2_000_000_000L;
    ask(fetches, "d", () -> withMessage("t-d", 10));
    assertThat(fetches.size()).isEqualTo(1);
    assertThat(fetches.keptBytes()).isEqualTo(encodedSize(withMessage("t-d", 10)));
  }

  @Test
  void anAnswerLargerThanTheWholeBoundIsNotKeptAndItsRepeatGetsNoTasks() {
    AtomicInteger evictions = new AtomicInteger();
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 10, 500, evictions::incrementAndGet);
    TGetTasksResponse small = ask(fetches, "small", () -> withMessage("t-s", 10));
    TGetTasksResponse big = ask(fetches, "big", () -> withMessage("t-b", 1_000));

    assertThat(big.getTasks()).hasSize(1);
    assertThat(evictions).hasValue(1);
    assertThat(fetches.keptBytes()).isEqualTo(encodedSize(small));
    assertThat(ask(fetches, "big", RepeatedFetchesTest::handedOutAgain).getTasks()).isEmpty();
    assertThat(ask(fetches, "small", RepeatedFetchesTest::handedOutAgain)).isEqualTo(small);
  }

  @Test
  void aRepeatThatFindsTheAnswerGivenUpNamesTheRunsItHandedOutOnceAndOnlyToItsNodeMonitor() {
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 10, 500, () -> { });
    TGetTasksResponse big = withMessage("t-b", 1_000);
    big.getTasks().get(0).setAttempt(2);
    assertThat(fetches.answer("f", "nm-1", () -> big).lost()).isEmpty();

    assertThat(fetches.answer("f", "nm-2", RepeatedFetchesTest::handedOutAgain).lost())
        .as("another node monitor naming the fetch id takes nothing away").isEmpty();
    RepeatedFetches.Answer repeat = fetches.answer("f", "nm-1", RepeatedFetchesTest::handedOutAgain);
    assertThat(repeat.response().getTasks()).isEmpty();
    assertThat(repeat.response().isExhausted()).isTrue();
    assertThat(repeat.lost()).containsExactly(new HandedOut("r-1", "t-b", 2));
    assertThat(fetches.answer("f", "nm-1", RepeatedFetchesTest::handedOutAgain).lost())
        .as("already put back").isEmpty();
  }

  @Test
  void aRepeatOfAnAnswerGivenUpForLaterOnesNamesItsRunsAndOneStillKeptNamesNone() {
    int size = encodedSize(withMessage("t-0", 1_000));
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 10, 2L * size + size / 2, () -> { });
    fetches.answer("a", "nm-1", () -> withMessage("t-a", 1_000));
    fetches.answer("b", "nm-1", () -> withMessage("t-b", 1_000));
    fetches.answer("c", "nm-1", () -> withMessage("t-c", 1_000));

    assertThat(fetches.answer("b", "nm-1", RepeatedFetchesTest::handedOutAgain).lost()).isEmpty();
    assertThat(fetches.answer("a", "nm-1", RepeatedFetchesTest::handedOutAgain).lost())
        .containsExactly(new HandedOut("r-1", "t-a", 1));
  }

  @Test
  void aFetchIdDroppedByTheEntryBoundIsForgottenWithWhatItHandedOut() {
    // Documents the limit: a repeat after the bound dropped the id is a new fetch, and nothing
    // is known to be lost (the first answer's runs wait for the job's deadline).
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 1, 1_000_000, () -> { });
    fetches.answer("a", "nm-1", () -> withMessage("t-a", 10));
    fetches.answer("b", "nm-1", () -> withMessage("t-b", 10));
    RepeatedFetches.Answer repeat = fetches.answer("a", "nm-1", () -> withMessage("t-a2", 10));
    assertThat(repeat.lost()).isEmpty();
    assertThat(repeat.response().getTasks().get(0).getTaskId().getTaskId()).isEqualTo("t-a2");
  }

  private static TGetTasksResponse ask(RepeatedFetches fetches, String fetchId,
      java.util.function.Supplier<TGetTasksResponse> compute) {
    return fetches.answer(fetchId, "nm-1", compute).response();
  }

  private static TGetTasksResponse handedOutAgain() {
    throw new AssertionError("a repeat must not hand out tasks again");
  }

  private static TGetTasksResponse withMessage(String taskId, int messageBytes) {
    return new TGetTasksResponse(List.of(
        new TTaskLaunch(new TFullTaskId(taskId, "r-1", "app", new THostPort("127.0.0.1", 20503)),
            new TUserGroupInfo("alice", "eng", 3), ByteBuffer.wrap(new byte[messageBytes]))), false);
  }

  private static int encodedSize(TGetTasksResponse answer) {
    try {
      return new org.apache.thrift.TSerializer(new org.apache.thrift.protocol.TCompactProtocol.Factory())
          .serialize(answer).length;
    } catch (org.apache.thrift.TException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TGetTasksResponse answer(AtomicInteger computed) {
    computed.incrementAndGet();
    return new TGetTasksResponse(List.of(), true);
  }
}
