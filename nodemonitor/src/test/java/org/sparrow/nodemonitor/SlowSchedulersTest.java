package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;

/** A slow scheduler stays slow until it answers, and is probed at most once per interval. */
class SlowSchedulersTest {

  private static final HostPort S = new HostPort("s", 1);
  private static final long SECOND = 1_000_000_000L;

  @Test
  void slowUntilItAnswersNotUntilATimerRunsOut() {
    SlowSchedulers slow = new SlowSchedulers(5 * SECOND);
    assertThat(slow.markSlow(S, 0)).isTrue();
    assertThat(slow.markSlow(S, SECOND)).isFalse();
    assertThat(slow.isSlow(S)).isTrue();
    assertThat(slow.takeProbe(S, 0, false)).as("busy: not before two intervals").isFalse();
    assertThat(slow.takeProbe(S, 0, true)).as("idle: a new mark may be probed at once").isTrue();
    assertThat(slow.takeProbe(S, 4 * SECOND, true)).as("then once per interval").isFalse();
    assertThat(slow.isSlow(S)).as("a frozen peer stays slow past the interval").isTrue();
    assertThat(slow.takeProbe(S, 5 * SECOND, true)).isTrue();
    assertThat(slow.takeProbe(S, 6 * SECOND, true)).isFalse();
    assertThat(slow.takeProbe(S, 14 * SECOND, false)).isFalse();
    assertThat(slow.takeProbe(S, 15 * SECOND, false)).as("busy, but no probe for two intervals").isTrue();
    assertThat(slow.markHealthy(S)).isTrue();
    assertThat(slow.isSlow(S)).isFalse();
    assertThat(slow.takeProbe(S, 16 * SECOND, false)).as("not slow: nothing held back").isTrue();
  }
}
