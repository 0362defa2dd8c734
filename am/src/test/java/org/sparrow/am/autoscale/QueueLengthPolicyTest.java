package org.sparrow.am.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The autoscaling policy against scripted load on a fake clock. */
class QueueLengthPolicyTest {

  private static final AutoscaleSettings SETTINGS = new AutoscaleSettings(2, 10, 1.0, 0.25, 30_000, 60_000, 5_000);
  private static final int SLOTS_PER_NM = 4;

  private final QueueLengthPolicy policy = new QueueLengthPolicy(SETTINGS);
  private long now = 1_000_000;
  private int size = 2;

  private LoadSample load(int running, int queued) {
    return new LoadSample(size, size, size * SLOTS_PER_NM, running, queued, false, -1);
  }

  /** Feeds the same load every 5 s for {@code ms}; returns the decisions, applying each. */
  private List<AutoscaleDecision> hold(int running, int queued, long ms) {
    List<AutoscaleDecision> decisions = new ArrayList<>();
    for (long end = now + ms; now < end; now += 5_000) {
      Optional<AutoscaleDecision> d = policy.decide(load(running, queued), now);
      d.ifPresent(x -> {
        decisions.add(x);
        size = x.to();
      });
    }
    return decisions;
  }

  @Test
  void growsOnlyAfterTheQueueStaysLongForTheWholeWindow() {
    assertThat(hold(8, 40, 25_000)).isEmpty();
    List<AutoscaleDecision> d = hold(8, 40, 10_000);
    assertThat(d).singleElement().satisfies(x -> {
      assertThat(x.from()).isEqualTo(2);
      // (8 running + 40 queued) / 4 slots = 12 wanted, but at most double per decision.
      assertThat(x.to()).isEqualTo(4);
      assertThat(x.reason()).contains("5.00 queued reservations per slot > 1.00", "40 queued", "8 slots");
    });
  }

  @Test
  void aShortBurstThatClearsInsideTheWindowChangesNothing() {
    assertThat(hold(8, 40, 20_000)).isEmpty();
    assertThat(hold(8, 0, 5_000)).isEmpty();
    assertThat(hold(8, 40, 25_000)).isEmpty();
  }

  @Test
  void theCooldownSpacesDecisionsAndGrowthStopsAtTheMaximum() {
    List<AutoscaleDecision> d = hold(8, 400, 400_000);
    assertThat(d).extracting(AutoscaleDecision::to).containsExactly(4, 8, 10);
    for (int i = 1; i < d.size(); i++) {
      assertThat(d.get(i).atMillis() - d.get(i - 1).atMillis()).isGreaterThanOrEqualTo(SETTINGS.cooldownMs());
    }
  }

  @Test
  void growthIsCappedByTheQueuesHeadroomAndSaysSo() {
    hold(8, 40, 25_000);
    Optional<AutoscaleDecision> d = policy.decide(new LoadSample(2, 2, 8, 8, 40, false, 1), now + 10_000);
    assertThat(d).get().satisfies(x -> {
      assertThat(x.to()).isEqualTo(3);
      assertThat(x.reason()).contains("headroom");
    });
    // No room at all: a decision to stay, with the reason, once per cooldown.
    QueueLengthPolicy full = new QueueLengthPolicy(SETTINGS);
    full.decide(new LoadSample(2, 2, 8, 8, 40, false, 0), 0);
    assertThat(full.decide(new LoadSample(2, 2, 8, 8, 40, false, 0), 30_000)).get()
        .satisfies(x -> {
          assertThat(x.to()).isEqualTo(x.from());
          assertThat(x.reason()).contains("no room");
        });
    assertThat(full.decide(new LoadSample(2, 2, 8, 8, 40, false, 0), 35_000)).isEmpty();
  }

  @Test
  void anIdleClusterShrinksToTheMinimumAndABusyOneToWhatItsTasksNeed() {
    size = 8;
    // 32 slots, 4 running: utilisation 0.125 < 0.25. Fits on ceil(4 / (4 * 0.5)) = 2.
    List<AutoscaleDecision> d = hold(4, 0, 35_000);
    assertThat(d).singleElement().satisfies(x -> {
      assertThat(x.to()).isEqualTo(2);
      assertThat(x.reason()).contains("utilisation 0.13 < 0.25");
    });
    size = 10;
    QueueLengthPolicy p = new QueueLengthPolicy(SETTINGS);
    // 40 slots, 9 running: 0.225 < 0.25; fits on ceil(9 / 2) = 5.
    p.decide(new LoadSample(10, 10, 40, 9, 0, false, -1), 0);
    assertThat(p.decide(new LoadSample(10, 10, 40, 9, 0, false, -1), 30_000)).get()
        .extracting(AutoscaleDecision::to).isEqualTo(5);
  }

  @Test
  void queuedWorkPreventsAShrinkAndAChangeUnderWayRestartsTheWindows() {
    size = 6;
    assertThat(hold(0, 1, 60_000)).isEmpty();
    hold(0, 0, 25_000);
    // Containers still registering: the window starts again.
    policy.decide(new LoadSample(6, 5, 20, 0, 0, true, -1), now);
    now += 5_000;
    assertThat(hold(0, 0, 25_000)).isEmpty();
    assertThat(hold(0, 0, 10_000)).singleElement().extracting(AutoscaleDecision::to).isEqualTo(2);
  }

  @Test
  void aSizeOutsideTheRangeIsBroughtBackAtOnce() {
    assertThat(policy.decide(new LoadSample(12, 12, 48, 0, 0, true, -1), 0)).get()
        .extracting(AutoscaleDecision::to).isEqualTo(10);
    assertThat(new QueueLengthPolicy(SETTINGS).decide(new LoadSample(0, 0, 0, 0, 0, false, -1), 0)).get()
        .satisfies(x -> assertThat(x.reason()).contains("below the autoscale minimum of 2"));
  }

  @Test
  void settingsComeFromTheCommandLineSpecOrKeysAndBadOnesAreNamed() {
    Map<String, String> keys = AutoscaleSettings.parseSpec("min=2,max=40,window-ms=1000");
    assertThat(keys).containsEntry("sparrow.yarn.autoscale.min", "2").containsEntry("sparrow.yarn.autoscale.window-ms", "1000");
    AutoscaleSettings s = AutoscaleSettings.fromKeys(keys);
    assertThat(s).isEqualTo(new AutoscaleSettings(2, 40, 1.0, 0.25, 1000, 60_000, 5_000));
    assertThat(AutoscaleSettings.fromKeys(s.toKeys())).isEqualTo(s);
    assertThat(AutoscaleSettings.fromKeys(Map.of("sparrow.yarn.node-monitors", "3"))).isNull();
    assertThatThrownBy(() -> AutoscaleSettings.parseSpec("min=2,maxi=4")).hasMessageContaining("maxi=4")
        .hasMessageContaining("grow-queued-per-slot");
    assertThatThrownBy(() -> AutoscaleSettings.fromKeys(Map.of("sparrow.yarn.autoscale.min", "3")))
        .hasMessageContaining("both");
    assertThatThrownBy(() -> AutoscaleSettings.fromKeys(AutoscaleSettings.parseSpec("min=5,max=4")))
        .hasMessageContaining("min <= max");
  }
}
