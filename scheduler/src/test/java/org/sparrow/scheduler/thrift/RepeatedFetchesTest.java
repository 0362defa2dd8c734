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
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 10);
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
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 2);
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
    RepeatedFetches fetches = new RepeatedFetches(clock, 1_000, 10);
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

  private static TGetTasksResponse answer(AtomicInteger computed) {
    computed.incrementAndGet();
    return new TGetTasksResponse(List.of(), true);
  }
}
