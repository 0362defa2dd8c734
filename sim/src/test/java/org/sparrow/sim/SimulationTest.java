package org.sparrow.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulationTest {

  @Test
  void runsEventsInTimeOrderAndTiesInSchedulingOrder() {
    Simulation sim = new Simulation();
    List<String> log = new ArrayList<>();
    sim.at(30, () -> log.add("c@" + sim.now()));
    sim.at(10, () -> log.add("a@" + sim.now()));
    sim.at(10, () -> {
      log.add("b@" + sim.now());
      sim.after(0, () -> log.add("b2@" + sim.now()));
      sim.after(5, () -> log.add("b3@" + sim.now()));
    });
    sim.run();
    assertThat(log).containsExactly("a@10", "b@10", "b2@10", "b3@15", "c@30");
    assertThat(sim.processed()).isEqualTo(5);
    assertThat(sim.clock().nanoTime()).isEqualTo(30);
  }

  @Test
  void runUntilLeavesLaterEventsQueued() {
    Simulation sim = new Simulation();
    List<Long> seen = new ArrayList<>();
    sim.at(5, () -> seen.add(sim.now()));
    sim.at(50, () -> seen.add(sim.now()));
    sim.runUntil(20);
    assertThat(seen).containsExactly(5L);
    assertThat(sim.pending()).isEqualTo(1);
  }

  @Test
  void refusesToScheduleInThePast() {
    Simulation sim = new Simulation();
    sim.at(100, () -> assertThatThrownBy(() -> sim.at(99, () -> { }))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before now"));
    sim.run();
    assertThat(sim.processed()).isEqualTo(1);
  }

  @Test
  void networkCallTakesOneDelayEachWay() {
    Simulation sim = new Simulation();
    SimNetwork net = new SimNetwork(sim, 500);
    List<String> log = new ArrayList<>();
    net.call(() -> {
      log.add("served@" + sim.now());
      return java.util.concurrent.CompletableFuture.completedFuture("pong");
    }).thenAccept(v -> log.add(v + "@" + sim.now()));
    sim.run();
    assertThat(log).containsExactly("served@500", "pong@1000");
    assertThat(net.messages()).isEqualTo(2);
  }
}
