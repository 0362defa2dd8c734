package org.sparrow.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;

/** The order one send tries the schedulers in, on a fake clock. */
class SchedulerOrderTest {

  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final SchedulerOrder order = new SchedulerOrder(nanos::get, 250);
  private final HostPort a = new HostPort("127.0.0.1", 1);
  private final HostPort b = new HostPort("127.0.0.1", 2);
  private final HostPort c = new HostPort("127.0.0.1", 3);
  private final List<HostPort> all = List.of(a, b, c);

  private void advanceMs(long ms) {
    nanos.addAndGet(Duration.ofMillis(ms).toNanos());
  }

  @Test
  void eachSendStartsOneFurtherRoundRobin() {
    assertThat(order.order(all, null)).containsExactly(a, b, c);
    assertThat(order.order(all, null)).containsExactly(b, c, a);
    assertThat(order.order(all, null)).containsExactly(c, a, b);
    assertThat(order.order(all, null)).containsExactly(a, b, c);
  }

  @Test
  void aSlowSchedulerGoesAfterTheOthersUntilItAnswers() {
    order.slow(a);
    assertThat(order.slow()).containsExactly(a);
    assertThat(order.order(all, null)).containsExactly(b, c, a);
    order.answered(a);
    assertThat(order.slow()).isEmpty();
    assertThat(order.order(all, null)).containsExactly(b, c, a);  // round robin again: b's turn
    assertThat(order.order(all, null)).containsExactly(c, a, b);
  }

  @Test
  void aSubmitUnansweredForTheLimitPutsItsSchedulerAfterTheOthers() {
    Object call = order.submitStarted(a);
    advanceMs(249);
    assertThat(order.order(all, null)).as("under way 249 ms").containsExactly(a, b, c);
    advanceMs(1);
    assertThat(order.order(all, null)).as("under way 250 ms").containsExactly(b, c, a);
    order.submitEnded(a, call);
    assertThat(order.order(all, null)).as("answered").containsExactly(c, a, b);
  }

  @Test
  void anotherSubmitEndingLeavesTheLongUnansweredOneCounted() {
    Object old = order.submitStarted(a);
    advanceMs(300);
    order.submitEnded(a, order.submitStarted(a));
    assertThat(order.order(all, null)).containsExactly(b, c, a);
    order.submitEnded(a, old);
    assertThat(order.order(all, null)).containsExactly(b, c, a);
  }

  @Test
  void theSchedulerJustLostGoesLastEvenAfterSlowOnes() {
    order.slow(b);
    assertThat(order.order(all, a)).containsExactly(c, b, a);
  }

  @Test
  void theSchedulerJustLostIsLeftOutWhenItIsNoLongerRegistered() {
    HostPort gone = new HostPort("127.0.0.1", 4);
    assertThat(order.order(all, gone)).containsExactly(a, b, c);
    assertThat(order.order(List.of(), gone)).isEmpty();
  }
}
