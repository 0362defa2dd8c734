package org.sparrow.scheduler.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sparrow.common.Clock;
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
    TGetTasksResponse first = fetches.answer("nm-1", () -> answer(computed));
    assertThat(fetches.answer("nm-1", () -> answer(computed))).isEqualTo(first);
    assertThat(computed).hasValue(1);
    fetches.answer(null, () -> answer(computed));
    fetches.answer("", () -> answer(computed));
    assertThat(computed).hasValue(3);
    assertThat(fetches.size()).isEqualTo(1);
  }

  @Test
  void answersAreForgottenAfterTheirTimeOrBeyondTheBound() {
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 2, 1_000_000, () -> { });
    AtomicInteger computed = new AtomicInteger();
    fetches.answer("a", () -> answer(computed));
    fetches.answer("b", () -> answer(computed));
    fetches.answer("c", () -> answer(computed));
    assertThat(fetches.size()).isEqualTo(2);
    now += 2_000_000_000L;
    fetches.answer("d", () -> answer(computed));
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
    assertThat(fetches.answer("nm-1", () -> first)).isSameAs(first);

    TGetTasksResponse repeat = fetches.answer("nm-1", () -> {
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
    TGetTasksResponse a = fetches.answer("a", () -> withMessage("t-a", 1_000));
    TGetTasksResponse b = fetches.answer("b", () -> withMessage("t-b", 1_000));
    assertThat(fetches.keptBytes()).isEqualTo(2L * size);
    fetches.answer("c", () -> withMessage("t-c", 1_000));

    assertThat(fetches.keptBytes()).isEqualTo(2L * size);
    assertThat(evictions).hasValue(1);
    assertThat(fetches.evictedByBytes()).isEqualTo(1);
    assertThat(fetches.answer("b", RepeatedFetchesTest::handedOutAgain)).isEqualTo(b);
    assertThat(fetches.answer("c", RepeatedFetchesTest::handedOutAgain).getTasks().get(0)
        .getTaskId().getTaskId()).isEqualTo("t-c");
    TGetTasksResponse repeatOfA = fetches.answer("a", RepeatedFetchesTest::handedOutAgain);
    assertThat(repeatOfA.getTasks()).isEmpty();
    assertThat(repeatOfA.isExhausted()).isTrue();
    assertThat(a.getTasks()).hasSize(1);  // the first caller got its tasks all the same
    assertThat(fetches.size()).isEqualTo(3);  // "a" is still remembered, without its bytes

    // Its time over, the remembered id goes like any other, and the bytes count stays exact.
    now += 2_000_000_000L;
    fetches.answer("d", () -> withMessage("t-d", 10));
    assertThat(fetches.size()).isEqualTo(1);
    assertThat(fetches.keptBytes()).isEqualTo(encodedSize(withMessage("t-d", 10)));
  }

  @Test
  void anAnswerLargerThanTheWholeBoundIsNotKeptAndItsRepeatGetsNoTasks() {
    AtomicInteger evictions = new AtomicInteger();
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 10, 500, evictions::incrementAndGet);
    TGetTasksResponse small = fetches.answer("small", () -> withMessage("t-s", 10));
    TGetTasksResponse big = fetches.answer("big", () -> withMessage("t-b", 1_000));

    assertThat(big.getTasks()).hasSize(1);
    assertThat(evictions).hasValue(1);
    assertThat(fetches.keptBytes()).isEqualTo(encodedSize(small));
    assertThat(fetches.answer("big", RepeatedFetchesTest::handedOutAgain).getTasks()).isEmpty();
    assertThat(fetches.answer("small", RepeatedFetchesTest::handedOutAgain)).isEqualTo(small);
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
