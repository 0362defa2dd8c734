package org.sparrow.scheduler.thrift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparrow.common.HostPort;

class PeerLanesTest {

  @Test
  void aSlowPeersLaneIsBoundedAndOthersAreUnaffected() {
    List<Runnable> pending = new ArrayList<>();
    List<List<String>> sent = new ArrayList<>();
    PeerLanes<String> lanes = new PeerLanes<>(pending::add, 10, 2, (peer, batch) -> sent.add(batch));
    HostPort slow = new HostPort("slow", 1);
    HostPort other = new HostPort("other", 1);

    // Nothing drains (the executor holds the drains): the slow peer's lane fills up.
    assertThat(lanes.add(slow, "a")).isTrue();
    lanes.add(slow, "b");
    lanes.add(slow, "c");
    lanes.add(other, "x");
    assertThat(lanes.dropped()).isEqualTo(1);

    while (!pending.isEmpty()) {
      pending.remove(0).run();
    }
    assertThat(sent).containsExactlyInAnyOrder(List.of("a", "b"), List.of("x"));
  }
}
