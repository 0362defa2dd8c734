package org.sparrow.am.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.sparrow.common.Clock;

/** The loop around the policy: sample, decide, log, apply. */
class AutoscalerTest {

  private static final class FakeClock implements Clock {
    long millis;

    @Override
    public long nanoTime() {
      return millis * 1_000_000;
    }

    @Override
    public long currentTimeMillis() {
      return millis;
    }
  }

  @Test
  void everyDecisionIsKeptWithItsReasonAndAChangeOfSizeIsApplied() {
    FakeClock clock = new FakeClock();
    AutoscaleSettings settings = new AutoscaleSettings(1, 4, 1.0, 0.25, 10_000, 10_000, 1_000);
    AtomicReference<LoadSample> load = new AtomicReference<>(new LoadSample(1, 1, 2, 2, 20, false, -1));
    List<Integer> applied = new ArrayList<>();
    Autoscaler autoscaler = new Autoscaler(settings, new QueueLengthPolicy(settings),
        () -> Optional.of(load.get()), applied::add, clock);
    for (int i = 0; i <= 10; i++, clock.millis += 1_000) {
      autoscaler.tick();
    }
    assertThat(applied).containsExactly(2);
    assertThat(autoscaler.decisions()).singleElement().satisfies(d -> {
      assertThat(d.from()).isEqualTo(1);
      assertThat(d.to()).isEqualTo(2);
      assertThat(d.reason()).contains("queued reservations per slot");
    });
    // Idle after the cooldown: back to the minimum.
    load.set(new LoadSample(2, 2, 4, 0, 0, false, -1));
    for (int i = 0; i <= 20; i++, clock.millis += 1_000) {
      autoscaler.tick();
    }
    assertThat(applied).containsExactly(2, 1);
    assertThat(autoscaler.decisions()).hasSize(2);
  }
}
