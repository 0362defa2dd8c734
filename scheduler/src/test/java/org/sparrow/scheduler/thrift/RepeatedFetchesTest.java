package org.sparrow.scheduler.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.sparrow.common.Clock;
import org.sparrow.thrift.TGetTasksResponse;

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
    assertThat(fetches.answer("nm-1", () -> answer(computed))).isSameAs(first);
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

  private static TGetTasksResponse answer(AtomicInteger computed) {
    computed.incrementAndGet();
    return new TGetTasksResponse(List.of(), true);
  }
}
