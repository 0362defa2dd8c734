package org.sparrow.scheduler.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ClientLeasesTest {

  private static final long MS = 1_000_000L;

  @Test
  void leasesEndPerFrontendFromWhenItWasLastReached() {
    ClientLeases l = new ClientLeases();
    l.track("j1", "fe-a", 1_000, 0);
    l.track("j2", "fe-b", 1_000, 0);
    l.reached("fe-a", 600 * MS);
    assertThat(l.takeExpired(999 * MS, id -> true)).isEmpty();
    assertThat(l.takeExpired(1_000 * MS, id -> true)).containsExactly("j2");
    assertThat(l.frontends()).containsExactly("fe-a");
    assertThat(l.takeExpired(1_600 * MS, id -> true)).containsExactly("j1");
    assertThat(l.size()).isZero();
  }

  @Test
  void endedJobsAreForgottenAndAnOldHeartbeatNeverMovesTheLeaseBack() {
    ClientLeases l = new ClientLeases();
    l.track("j1", "fe-a", 1_000, 500 * MS);
    l.reached("fe-a", 100 * MS);  // sent before the job was accepted
    assertThat(l.lastReachedNanos("fe-a")).isEqualTo(500 * MS);
    assertThat(l.takeExpired(2_000 * MS, id -> false)).as("ended, not given up").isEmpty();
    assertThat(l.frontends()).isEqualTo(Set.of());
  }
}
