package org.sparrow.nodemonitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CancellationTombstonesTest {

  @Test
  void remembersForTheTtlOnly() {
    ManualClock clock = new ManualClock();
    CancellationTombstones t = new CancellationTombstones(clock, Duration.ofSeconds(60), 100);
    t.add("r1");
    clock.advance(Duration.ofSeconds(30));
    t.add("r2");
    assertThat(t.contains("r1")).isTrue();

    clock.advance(Duration.ofSeconds(31));
    assertThat(t.contains("r1")).isFalse();
    assertThat(t.contains("r2")).isTrue();

    clock.advance(Duration.ofSeconds(30));
    assertThat(t.size()).isZero();
  }

  @Test
  void cancellingAgainRefreshesTheTtl() {
    ManualClock clock = new ManualClock();
    CancellationTombstones t = new CancellationTombstones(clock, Duration.ofSeconds(10), 100);
    t.add("r");
    clock.advance(Duration.ofSeconds(8));
    t.add("r");
    clock.advance(Duration.ofSeconds(8));
    assertThat(t.contains("r")).isTrue();
  }

  @Test
  void boundedInSizeDroppingTheOldest() {
    ManualClock clock = new ManualClock();
    CancellationTombstones t = new CancellationTombstones(clock, Duration.ofMinutes(1), 3);
    for (int i = 0; i < 5; i++) {
      t.add("r" + i);
    }
    assertThat(t.size()).isEqualTo(3);
    assertThat(t.contains("r0")).isFalse();
    assertThat(t.contains("r1")).isFalse();
    assertThat(t.contains("r4")).isTrue();
  }
}
