package org.sparrow.common.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sparrow.common.NodeLoad;
import org.sparrow.common.UserLoad;
import org.sparrow.thrift.TNodeLoad;

class LoadWireTest {

  @Test
  void perUserFiguresSurviveTheWire() {
    NodeLoad load = new NodeLoad(4, 3, 1, 2, 10, 1, Map.of("alice", new UserLoad(2, 2), "bob", new UserLoad(0, 1)));
    assertThat(LoadWire.fromWire(LoadWire.toWire("nm", load))).isEqualTo(load);
  }

  @Test
  void preemptionCountsSurviveTheWire() {
    NodeLoad load = new NodeLoad(4, 4, 0, 1, 7, 0, Map.of(), 2, 9);
    TNodeLoad wire = LoadWire.toWire("nm", load);
    assertThat(wire.getSuspendedTasks()).isEqualTo(2);
    assertThat(wire.getPreemptions()).isEqualTo(9);
    assertThat(LoadWire.fromWire(wire)).isEqualTo(load);
  }

  @Test
  void aReplyWithoutOptionalFieldsReadsAsZeroAndNoUsers() {
    NodeLoad load = LoadWire.fromWire(new TNodeLoad("nm", 4, 1, 0, 5));
    assertThat(load).isEqualTo(new NodeLoad(4, 1, 0, 0, 5, 0));
    assertThat(load.users()).isEmpty();
    assertThat(load.suspendedTasks()).isZero();
    assertThat(load.preemptions()).isZero();
  }

  @Test
  void negativeCountsAreRefused() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new NodeLoad(4, 0, 0, 0, 0, 0, Map.of(), -1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("suspendedTasks");
  }
}
