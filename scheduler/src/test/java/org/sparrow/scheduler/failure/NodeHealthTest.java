package org.sparrow.scheduler.failure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sparrow.scheduler.failure.NodeHealth.Change;

class NodeHealthTest {

  private long now = 1_000;

  @Test
  void aRefusedConnectionMakesTheNodeSuspectAtOnce() {
    NodeHealth h = new NodeHealth(3);
    assertThat(h.failed("nm-1", true, now)).isEqualTo(Change.SUSPECT);
    assertThat(h.isSuspect("nm-1")).isTrue();
    assertThat(h.suspects()).containsExactly("nm-1");
    assertThat(h.suspectSinceNanos("nm-1")).isEqualTo(now);
    assertThat(h.failed("nm-1", true, now + 5)).as("already suspect").isEqualTo(Change.NONE);
  }

  @Test
  void otherFailuresCountOnlyWhenConsecutive() {
    NodeHealth h = new NodeHealth(3);
    assertThat(h.failed("nm-1", false, now)).isEqualTo(Change.NONE);
    assertThat(h.failed("nm-1", false, now)).isEqualTo(Change.NONE);
    assertThat(h.answered("nm-1")).as("the streak ends").isEqualTo(Change.NONE);
    assertThat(h.failed("nm-1", false, now)).isEqualTo(Change.NONE);
    assertThat(h.failed("nm-1", false, now)).isEqualTo(Change.NONE);
    assertThat(h.isSuspect("nm-1")).isFalse();
    now += 7;
    assertThat(h.failed("nm-1", false, now)).isEqualTo(Change.SUSPECT);
    assertThat(h.suspectSinceNanos("nm-1")).isEqualTo(now);
  }

  @Test
  void answeringAgainOrLeavingClearsSuspicion() {
    NodeHealth h = new NodeHealth(1);
    h.failed("nm-1", false, now);
    h.failed("nm-2", true, now);
    assertThat(h.suspects()).containsExactlyInAnyOrder("nm-1", "nm-2");
    var before = h.suspects();
    assertThat(h.answered("nm-1")).isEqualTo(Change.RECOVERED);
    assertThat(h.answered("nm-1")).isEqualTo(Change.NONE);
    h.gone("nm-2");
    assertThat(h.suspects()).isEmpty();
    assertThat(before).as("published sets are immutable snapshots").hasSize(2);
    assertThat(h.suspectSinceNanos("nm-1")).isEqualTo(-1);
  }

  @Test
  void nodesAreJudgedApart() {
    NodeHealth h = new NodeHealth(2);
    h.failed("nm-1", false, now);
    h.failed("nm-2", false, now);
    assertThat(h.suspects()).isEmpty();
    assertThat(h.failed("nm-1", false, now)).isEqualTo(Change.SUSPECT);
    assertThat(h.suspects()).containsExactly("nm-1");
  }

  @Test
  void aDrainingNodeIsLeftOutUntilItLeavesOrAnotherIncarnationRegisters() {
    NodeHealth h = new NodeHealth(3);
    assertThat(h.draining("nm-1", "boot-a")).isTrue();
    assertThat(h.draining("nm-1", "boot-a")).as("known already").isFalse();
    assertThat(h.excluded()).containsExactly("nm-1");
    assertThat(h.suspects()).as("draining is not suspect: it answers").isEmpty();
    assertThat(h.isDraining("nm-1")).isTrue();
    h.answered("nm-1");
    assertThat(h.excluded()).as("answering does not end a drain").containsExactly("nm-1");
    h.incarnationSeen("nm-1", "boot-a");
    assertThat(h.excluded()).containsExactly("nm-1");
    h.incarnationSeen("nm-1", "boot-b");  // restarted on the same address
    assertThat(h.excluded()).isEmpty();

    h.draining("nm-2", "");
    h.failed("nm-3", true, now);
    assertThat(h.excluded()).containsExactlyInAnyOrder("nm-2", "nm-3");
    h.gone("nm-2");
    assertThat(h.excluded()).containsExactly("nm-3");
  }

  @Test
  void anotherIncarnationListedEndsTheSuspicionOfTheOneWhoseCallsFailed() {
    NodeHealth h = new NodeHealth(3);
    assertThat(h.failed("nm-1", "boot-a", true, now)).isEqualTo(Change.SUSPECT);
    assertThat(h.incarnationSeen("nm-1", "boot-a")).as("the same one").isEqualTo(Change.NONE);
    assertThat(h.isSuspect("nm-1")).isTrue();
    assertThat(h.incarnationSeen("nm-1", "")).as("unknown").isEqualTo(Change.NONE);
    assertThat(h.incarnationSeen("nm-1", "boot-b")).isEqualTo(Change.RECOVERED);
    assertThat(h.isSuspect("nm-1")).isFalse();
    assertThat(h.excluded()).isEmpty();
  }

  @Test
  void aSuspicionOfAnUnknownIncarnationWaitsForAnAnswer() {
    NodeHealth h = new NodeHealth(3);
    h.failed("nm-1", true, now);
    assertThat(h.incarnationSeen("nm-1", "boot-b")).isEqualTo(Change.NONE);
    assertThat(h.isSuspect("nm-1")).isTrue();
    assertThat(h.answered("nm-1")).isEqualTo(Change.RECOVERED);
  }
}
